using Lanyard.Core.Access;
using Lanyard.Core.Audit;
using Lanyard.Core.Keys;
using Lanyard.Store.Access;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;
using Microsoft.AspNetCore.Mvc;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>Exchanges a principal token for a server-side session; the token itself is never stored in the browser.</summary>
public sealed class SignInModel(PrincipalService principals, DashboardSessions sessions, InventoryService inventory) : DashboardPage
{
    public string? Error { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? token, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = returnUrl;
        token = token?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            Error = "Enter a Lanyard token.";
            return Page();
        }

        if (token.StartsWith(LanyardKeyFormat.Prefix, StringComparison.Ordinal) || token.StartsWith("eyJ", StringComparison.Ordinal))
        {
            await RefuseAsync("a workload credential cannot sign in to the dashboard", cancellationToken);
            Error = "That is a workload credential. Sign in with a Lanyard token of a person or automation (lnyt_…).";
            return Page();
        }

        var principal = await principals.AuthenticateAsync(token, cancellationToken);
        if (principal is null)
        {
            await RefuseAsync("the token is unknown, expired or revoked", cancellationToken);
            Error = "That token is unknown, expired or revoked.";
            return Page();
        }

        if (principal.Role == Role.Workload)
        {
            await RefuseAsync("a workload token cannot sign in to the dashboard", cancellationToken);
            Error = "That is a workload token. Sign in with the token of a person or automation with the admin, auditor or owner role.";
            return Page();
        }

        var reference = await sessions.OpenAsync(principal, cancellationToken);
        var cookie = DashboardSessionHandler.CookieOptions();
        cookie.MaxAge = DashboardSessions.Lifetime;
        Response.Cookies.Append(DashboardSessionHandler.CookieName, reference, cookie);
        return LocalRedirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    private Task RefuseAsync(string reason, CancellationToken cancellationToken) =>
        inventory.RecordAsync(new AuditEntry(Actor.Anonymous, "dashboard.signin", "dashboard", AuditOutcome.Refused)
        {
            Detail = new Dictionary<string, object?> { ["reason"] = reason,
                ["address"] = HttpContext.Connection.RemoteIpAddress?.ToString() },
        }, cancellationToken);
}
