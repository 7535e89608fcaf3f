using Lanyard.Core.Posture;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>Who answers for how much, and what nobody answers for.</summary>
public sealed class OwnersModel(InventoryService inventory) : DashboardPage
{
    public IReadOnlyList<OwnerLoad> Owners { get; private set; } = [];

    public IReadOnlyList<Finding> Orphans { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Owners = await inventory.OwnerLoadsAsync(cancellationToken);
        var findings = await inventory.PostureAsync(null, null, cancellationToken);
        Orphans = [.. findings.Value!.Where(f => f.Kind == FindingKind.Orphaned)];
    }
}
