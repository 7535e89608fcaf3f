using Lanyard.Core.Posture;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>Who answers for how much, and what nobody answers for.</summary>
public sealed class OwnersModel(InventoryService inventory, DashboardSnapshots snapshots) : DashboardPage
{
    public IReadOnlyList<OwnerLoad> Owners { get; private set; } = [];

    public IReadOnlyList<Finding> Orphans { get; private set; } = [];

    /// <summary>When the orphan findings shown were computed.</summary>
    public DateTimeOffset FindingsAt { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Owners = await inventory.OwnerLoadsAsync(VisibleEnvironments, cancellationToken);
        var findings = await snapshots.PostureAsync(null, cancellationToken);
        FindingsAt = findings.At;
        Orphans = [.. findings.Value.Value!.Where(f => f.Kind == FindingKind.Orphaned && Sees(f.Environment))];
    }
}
