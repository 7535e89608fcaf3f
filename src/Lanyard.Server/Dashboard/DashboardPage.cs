using System.Security.Claims;
using Lanyard.Core.Access;
using Lanyard.Core.Inventory;
using Lanyard.Server.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lanyard.Server.Dashboard;

/// <summary>What every dashboard page knows: who is signed in and what they may do.</summary>
public abstract class DashboardPage : PageModel
{
    private const string RotateRoute = "/credentials/{id:guid}/rotate";
    private const string RevokeRoute = "/credentials/{id:guid}/revoke";

    public string UserName => User.Identity?.Name ?? "";

    public string UserRole => User.FindFirstValue(ClaimTypes.Role) ?? "";

    /// <summary>Whether the access table opens the audit trail to the signed-in user; the link shows only then.</summary>
    public bool MayReadAuditTrail => AccessControl.Allows(AccessTable.Get("GET", "/audit"), User, AccessTarget.Global);

    /// <summary>Whether the access table lets the signed-in user rotate this identity's credentials; the button shows only then.</summary>
    public bool MayRotate(Identity identity) => AccessControl.Allows(AccessTable.Get("POST", RotateRoute), User, AccessTarget.Of(identity));

    /// <summary>Whether the access table lets the signed-in user revoke this identity's credentials.</summary>
    public bool MayRevoke(Identity identity) => AccessControl.Allows(AccessTable.Get("POST", RevokeRoute), User, AccessTarget.Of(identity));

    /// <summary>
    /// The environments a principal limited to some may see in the lists, overview and findings;
    /// null for one that reaches every environment.
    /// </summary>
    public IReadOnlyList<string>? VisibleEnvironments => LanyardClaims.GrantOf(User) is { ReachesEveryEnvironment: false } grant
        ? grant.Environments
        : null;

    /// <summary>Whether the signed-in principal may see <paramref name="environment"/> in the lists.</summary>
    protected bool Sees(string environment) => VisibleEnvironments?.Contains(environment, StringComparer.Ordinal) ?? true;

    /// <summary>The query string value, or null when it is missing or blank.</summary>
    protected string? QueryValue(string name)
        => Request.Query[name].ToString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
        ? value.Trim()
        : null;
}
