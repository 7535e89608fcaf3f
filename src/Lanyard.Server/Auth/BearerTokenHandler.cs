using System.Security.Claims;
using System.Text.Encodings.Web;
using Lanyard.Store.Access;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lanyard.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> tokens against the principals table. A presented
/// token that matches no live principal is a refusal, audited without the token itself.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PrincipalService principals,
    InventoryService inventory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return await RefuseAsync("the Authorization header is not a bearer token");
        }

        var principal = await principals.AuthenticateAsync(header[7..].Trim(), Context.RequestAborted);
        if (principal is null)
        {
            return await RefuseAsync("the token is unknown, expired or revoked");
        }

        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, principal.Id.ToString()),
            new(ClaimTypes.Name, principal.Name),
            new(ClaimTypes.Role, principal.Role.ToString()),
        ];
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem("Present a Lanyard token as 'Authorization: Bearer <token>'.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required",
            type: "urn:lanyard:problem:unauthenticated").ExecuteAsync(Context);
    }

    private async Task<AuthenticateResult> RefuseAsync(string reason)
    {
        Log.AuthenticationRefused(Logger, Request.Path, reason);
        await inventory.RecordAsync(new AuditEntry(Actor.Anonymous, "auth.login", Request.Path, Core.Audit.AuditOutcome.Refused)
        {
            Detail = new Dictionary<string, object?> { ["reason"] = reason },
        }, Context.RequestAborted);
        return AuthenticateResult.Fail(reason);
    }
}
