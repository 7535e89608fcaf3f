using System.Security.Claims;
using Lanyard.Core.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lanyard.Server.Dashboard;

/// <summary>What every dashboard page knows: who is signed in and what they may do.</summary>
public abstract class DashboardPage : PageModel
{
    public string UserName => User.Identity?.Name ?? "";

    public string UserRole => User.FindFirstValue(ClaimTypes.Role) ?? "";

    /// <summary>Only admins change anything; the actions are not even shown to other roles.</summary>
    public bool CanChange => User.IsInRole(nameof(Role.Admin));

    /// <summary>The query string value, or null when it is missing or blank.</summary>
    protected string? QueryValue(string name) => Request.Query[name].ToString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
        ? value.Trim()
        : null;
}
