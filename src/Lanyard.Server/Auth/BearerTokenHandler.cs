using System.Security.Claims;
using System.Text.Encodings.Web;
using Lanyard.Core.Keys;
using Lanyard.Server.OAuth;
using Lanyard.Store.Access;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;
using Lanyard.Store.Issuance;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Lanyard.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> credentials of three kinds: principal tokens of
/// people and automation (<c>lnyt_</c>), workload API keys (<c>lny_</c>), and access tokens from
/// an environment's token endpoint (JWTs). A presented credential that does not hold is a
/// refusal, audited without the credential itself. The OAuth2 endpoints authenticate their
/// clients themselves and are left alone here.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PrincipalService principals,
    WorkloadAuthenticator workloads,
    AccessTokenService accessTokens,
    IssuerUrls urls,
    InventoryService inventory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || Request.Path.StartsWithSegments("/oauth2") || Request.Path.StartsWithSegments("/.well-known"))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return await RefuseAsync("the Authorization header is not a bearer token");
        }

        var token = header[7..].Trim();
        if (token.StartsWith(LanyardKeyFormat.Prefix, StringComparison.Ordinal))
        {
            return await AuthenticateApiKeyAsync(token);
        }

        if (token.StartsWith("eyJ", StringComparison.Ordinal) && token.Count(c => c == '.') == 2)
        {
            return await AuthenticateAccessTokenAsync(token);
        }

        var principal = await principals.AuthenticateAsync(token, Context.RequestAborted);
        if (principal is null)
        {
            return await RefuseAsync("the token is unknown, expired or revoked");
        }

        if (principal.Role != Core.Access.Role.Workload)
        {
            return Success(LanyardClaims.ForPrincipal(principal, SchemeName));
        }

        var identity = principal.IdentityId is { } id ? await inventory.GetIdentityAsync(id, Context.RequestAborted) : default;
        return identity.Succeeded && identity.Value is not null
            ? Success(LanyardClaims.ForWorkloadPrincipal(principal, identity.Value, SchemeName))
            : await RefuseAsync("the workload token's identity no longer exists", ("principal", principal.Id));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem("Present a Lanyard token, API key or access token as 'Authorization: Bearer <token>'.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required",
            type: "urn:lanyard:problem:unauthenticated").ExecuteAsync(Context);
    }

    private async Task<AuthenticateResult> AuthenticateApiKeyAsync(string key)
    {
        var address = Context.Connection.RemoteIpAddress?.ToString();
        var caller = await workloads.AuthenticateApiKeyAsync(key, address, Context.RequestAborted);
        if (caller.Succeeded)
        {
            Context.Features.Set(new AuthenticatedWorkload(caller.Value!.Identity));
            return Success(LanyardClaims.ForApiKey(caller.Value, SchemeName));
        }

        return await RefuseAsync(caller.Problem!.Detail, ("credentialKind", LanyardClaims.ApiKey),
                ("fingerprint", SecretHash.Of(key)));
    }

    private async Task<AuthenticateResult> AuthenticateAccessTokenAsync(string token)
    {
        string? issuer;
        try
        {
            issuer = new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return await RefuseAsync("the access token is not a JWT", ("credentialKind", LanyardClaims.AccessToken));
        }

        if (urls.EnvironmentOf(Request, issuer) is not { } environment)
        {
            return await RefuseAsync("the access token was not issued by this server", ("credentialKind", LanyardClaims.AccessToken));
        }

        var expectedIssuer = urls.Issuer(Request, environment);
        var check = await accessTokens.CheckAsync(token, environment, expectedIssuer, Context.RequestAborted);
        if (check.Claims is not { } claims)
        {
            return await RefuseAsync(check.Refusal!, ("credentialKind", LanyardClaims.AccessToken), ("environment", environment));
        }

        // Tokens asked for another resource (RFC 8707) are that resource's to accept, not Lanyard's.
        if (!claims.Audiences.Contains(expectedIssuer, StringComparer.Ordinal))
        {
            return await RefuseAsync("the access token is meant for another audience",
                ("credentialKind", LanyardClaims.AccessToken), ("jti", claims.Jti));
        }

        // RFC 8705 section 3: a certificate-bound token holds only over a connection presenting that certificate.
        if (claims.CertificateThumbprint is { } bound
            && (Context.Connection.ClientCertificate is not { } presented || ClientAuthenticator.Thumbprint(presented) != bound))
        {
            return await RefuseAsync("the access token is bound to a client certificate the connection did not present",
                ("credentialKind", LanyardClaims.AccessToken), ("jti", claims.Jti));
        }

        Context.Features.Set(new AuthenticatedWorkload(claims.Identity!));
        return Success(LanyardClaims.ForAccessToken(claims, SchemeName));
    }

    private static AuthenticateResult Success(ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));

    private async Task<AuthenticateResult> RefuseAsync(string reason, params (string Key, object? Value)[] facts)
    {
        Log.AuthenticationRefused(Logger, Request.Path, reason);
        var detail = new Dictionary<string, object?> { ["reason"] = reason, ["address"] = Context.Connection.RemoteIpAddress?.ToString() };
        foreach (var (key, value) in facts)
        {
            detail[key] = value;
        }

        await inventory.RecordAsync(new AuditEntry(Actor.Anonymous, "auth.login", Request.Path, Core.Audit.AuditOutcome.Refused)
        {
            Detail = detail,
        }, Context.RequestAborted);
        return AuthenticateResult.Fail(reason);
    }
}
