using Lanyard.Core.Posture;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>Posture findings grouped by kind, then owner, each kind with what to do about it.</summary>
public sealed class FindingsModel(InventoryService inventory) : DashboardPage
{
    /// <summary>Findings by kind, and within a kind by owner (null: nobody owns them).</summary>
    public IReadOnlyList<IGrouping<FindingKind, IGrouping<string?, Finding>>> Groups { get; private set; } = [];

    public string? Environment { get; private set; }

    public IReadOnlyList<string> Environments { get; private set; } = [];

    public string? Error { get; private set; }

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Environment = QueryValue("environment");
        Environments = [.. (await inventory.ListEnvironmentsAsync(cancellationToken)).Select(e => e.Name)];
        var findings = await inventory.PostureAsync(Environment, null, cancellationToken);
        if (!findings.Succeeded)
        {
            Error = findings.Problem!.Detail;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Total = findings.Value!.Count;
        Groups = [.. findings.Value!
            .GroupBy(f => f.Kind)
            .OrderBy(g => g.Key)
            .Select(g => new KindGroup(g.Key, [.. g.GroupBy(f => f.Owner).OrderBy(o => o.Key is null ? 0 : 1).ThenBy(o => o.Key, StringComparer.OrdinalIgnoreCase)]))];
    }

    private sealed class KindGroup(FindingKind key, IReadOnlyList<IGrouping<string?, Finding>> owners)
        : IGrouping<FindingKind, IGrouping<string?, Finding>>
    {
        public FindingKind Key => key;

        public IEnumerator<IGrouping<string?, Finding>> GetEnumerator() => owners.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
