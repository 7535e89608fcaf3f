using Lanyard.Core.Inventory;
using Lanyard.Server.Auth;
using Lanyard.Store.Inventory;
using Lanyard.Store.Issuance;
using Microsoft.AspNetCore.Mvc;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>Asks before revoking a credential, then revokes it; as the access table allows: admins in their
/// environments, owners for their teams.</summary>
public sealed class RevokeModel(InventoryService inventory, CredentialIssuer issuer, DashboardSnapshots snapshots) : DashboardPage
{
    public Credential Credential { get; private set; } = null!;

    public Identity? Identity { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > 500 })
        {
            Error = "Keep the reason to 500 characters.";
            return Page();
        }

        var revoked = await issuer.RevokeAsync(Credential.Id, reason, User.ToActor(), cancellationToken);
        snapshots.Invalidate();
        if (!revoked.Succeeded)
        {
            Error = revoked.Problem!.Detail;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return Credential.IdentityId is { } identity
            ? LocalRedirect($"/identities/{identity}?revoked={Credential.Id}#credential-{Credential.Id}")
            : LocalRedirect("/inventory?state=revoked");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var credential = await inventory.GetCredentialAsync(new CredentialId(id), cancellationToken);
        if (!credential.Succeeded)
        {
            return false;
        }

        Credential = credential.Value!;
        if (Credential.IdentityId is { } identityId
            && (await inventory.GetIdentityAsync(identityId, cancellationToken)) is { Succeeded: true } identity)
        {
            Identity = identity.Value;
        }

        return true;
    }
}
