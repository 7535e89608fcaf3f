using Lanyard.Core.Inventory;
using Lanyard.Server.Auth;
using Lanyard.Store.Inventory;
using Lanyard.Store.Lifecycle;
using Microsoft.AspNetCore.Mvc;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>
/// Asks before rotating an API key or client secret, then rotates it and shows the successor's secret
/// this one time, with when the predecessor stops working; as the access table allows: admins in their environments,
/// owners for their teams.
/// </summary>
public sealed class RotateModel(InventoryService inventory, CredentialRotator rotator, DashboardSnapshots snapshots) : DashboardPage
{
    public Credential Credential { get; private set; } = null!;

    public Identity? Identity { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Set after a rotation: the successor and its secret, shown once and never stored in the page's state.</summary>
    public RotatedSecret? Rotated { get; private set; }

    public string Back => Identity is { } i ? $"/identities/{i.Id}#credential-{Credential.Id}" : "/inventory";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var rotated = await rotator.RotateAsync(Credential.Id, overlap: null, User.ToActor(), cancellationToken);
        snapshots.Invalidate();
        if (!rotated.Succeeded)
        {
            Error = rotated.Problem!.Detail;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        Rotated = rotated.Value;
        return Page();
    }

    /// <summary>Only the API keys and client secrets Lanyard issued rotate here, once each.</summary>
    public static bool CanRotate(Credential credential) =>
        credential is { Source: CredentialSource.Issued, State: CredentialState.Active, SupersededById: null }
        && credential.Kind is CredentialKind.ApiKey or CredentialKind.ClientSecret;

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
