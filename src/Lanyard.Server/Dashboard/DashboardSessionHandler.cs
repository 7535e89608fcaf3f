using System.Text.Encodings.Web;
using Lanyard.Server.Auth;
using Lanyard.Store.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lanyard.Server.Dashboard;

/// <summary>
/// Authenticates dashboard pages by the session cookie. The cookie holds only a random reference
/// to a server-side session; the token it was opened with never leaves the sign-in form.
/// </summary>
internal sealed class DashboardSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DashboardSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DashboardSession";

    /// <summary><c>__Host-</c>: the browser sends it only over HTTPS, to this host, for every path.</summary>
    public const string CookieName = "__Host-lanyard-session";

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
