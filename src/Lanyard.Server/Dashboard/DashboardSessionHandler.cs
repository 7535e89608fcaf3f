using System.Text.Encodings.Web;
using Lanyard.Core.Audit;
using Lanyard.Server.Auth;
using Lanyard.Store.Access;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lanyard.Server.Dashboard;

/// <summary>
/// Authenticates dashboard pages by the session cookie. The cookie holds only a random reference
/// to a server-side session; the token it was opened with never leaves the sign-in form.
/// </summary>
internal sealed class DashboardSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DashboardSessions sessions,
    InventoryService inventory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DashboardSession";

    /// <summary><c>__Host-</c>: the browser sends it only over HTTPS, to this host, for every path.</summary>
    public const string CookieName = "__Host-lanyard-session";

    /// <summary>The page a refused request gets, saying why.</summary>
    public static string ForbiddenPage(string reason) => $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not allowed - Lanyard</title>
        <link rel="stylesheet" href="/dashboard.css"></head><body><main id="main"><h1>Not allowed</h1>
        <p>{HtmlEncoder.Default.Encode(reason)} <a href="/">Back to the overview</a></p></main></body></html>
        """;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(CookieName, out var reference) || string.IsNullOrEmpty(reference))
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await sessions.ResolveAsync(reference, Context.RequestAborted);
        if (principal is null)
        {
            Response.Cookies.Delete(CookieName, CookieOptions());
            return AuthenticateResult.Fail("the dashboard session is over");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(LanyardClaims.ForPrincipal(principal, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var back = Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect("/signin" + (back is "/" ? "" : "?returnUrl=" + Uri.EscapeDataString(back)));
        return Task.CompletedTask;
    }

    /// <summary>A signed-in user without the role a page needs: refused, audited, told why.</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await inventory.RecordAsync(new AuditEntry(Context.User.ToActor(), "request.refused", Request.Path, AuditOutcome.Refused)
        {
            Detail = new Dictionary<string, object?> { ["method"] = Request.Method, ["reason"] = "the role may not open the dashboard" },
        }, Context.RequestAborted);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentType = "text/html; charset=utf-8";
        await Response.WriteAsync(ForbiddenPage("Your role may not open the dashboard."), Context.RequestAborted);
    }

    /// <summary>How the session cookie is set and removed.</summary>
    public static CookieOptions CookieOptions() => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}
