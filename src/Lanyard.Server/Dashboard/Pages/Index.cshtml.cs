using Lanyard.Core.Posture;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>The estate at a glance: counts per environment and kind, findings by kind, and what expires next.</summary>
public sealed class OverviewModel(InventoryService inventory, TimeProvider time) : DashboardPage
{
    public EstateSummary Summary { get; private set; } = null!;

    public IReadOnlyList<(FindingKind Kind, int Count)> FindingsByKind { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Summary = await inventory.SummarizeAsync(cancellationToken);
        var findings = await inventory.PostureAsync(null, null, cancellationToken);
        FindingsByKind = [.. findings.Value!.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))];
    }
}
