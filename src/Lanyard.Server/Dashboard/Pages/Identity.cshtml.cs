using Lanyard.Core.Audit;
using Lanyard.Core.Inventory;
using Lanyard.Store.Inventory;
using Microsoft.AspNetCore.Mvc;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>One identity: who owns it, where it lives, its credentials with their history, and its audit events.</summary>
public sealed class IdentityModel(InventoryService inventory, TimeProvider time) : DashboardPage
{
    public IdentityDetail Detail { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    /// <summary>The credential just revoked, to confirm it on arrival.</summary>
    public Credential? JustRevoked { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        var detail = await inventory.IdentityDetailAsync(new IdentityId(id), cancellationToken);
        if (!detail.Succeeded)
        {
            return NotFound();
        }

        Detail = detail.Value!;
        if (CredentialId.TryParse(QueryValue("revoked"), out var revoked))
        {
            JustRevoked = Detail.Credentials.FirstOrDefault(c => c.Id == revoked && c.State == CredentialState.Revoked);
        }

        return Page();
    }

    /// <summary>The audit events about one credential, newest first.</summary>
    public IEnumerable<AuditEvent> HistoryOf(Credential credential) =>
        Detail.Events.Where(e => e.Target == $"credential/{credential.Id}");

    /// <summary>Only credentials Lanyard issued can be revoked here; discovered ones are revoked where they live.</summary>
    public static bool CanRevoke(Credential credential) =>
        credential.Source == CredentialSource.Issued && credential.State != CredentialState.Revoked;
}
