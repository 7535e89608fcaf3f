using Lanyard.Core.Posture;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>The estate at a glance: counts per environment and kind, findings by kind, and what expires next.</summary>
public sealed class OverviewModel(InventoryService inventory, DashboardSnapshots snapshots, TimeProvider time) : DashboardPage
{
    public EstateSummary Summary { get; private set; } = null!;

    public IReadOnlyList<(FindingKind Kind, int Count)> FindingsByKind { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>When the findings shown were computed.</summary>
    public DateTimeOffset FindingsAt { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Summary = (await inventory.SummarizeAsync(cancellationToken)).Within(VisibleEnvironments);
        var findings = await snapshots.PostureAsync(null, cancellationToken);
        FindingsAt = findings.At;
        FindingsByKind = [.. findings.Value.Value!.Where(f => Sees(f.Environment))
            .GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))];
    }
}
