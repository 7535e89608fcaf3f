using Lanyard.Store.Access;
using Microsoft.AspNetCore.Mvc;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>Ends the server-side session and drops the cookie.</summary>
public sealed class SignOutModel(DashboardSessions sessions) : DashboardPage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Request.Cookies.TryGetValue(DashboardSessionHandler.CookieName, out var reference) && !string.IsNullOrEmpty(reference))
        {
            await sessions.CloseAsync(reference, cancellationToken);
        }

        Response.Cookies.Delete(DashboardSessionHandler.CookieName, DashboardSessionHandler.CookieOptions());
        return LocalRedirect("/signin");
    }
}
