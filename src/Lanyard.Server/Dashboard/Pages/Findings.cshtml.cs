using Lanyard.Core.Posture;
using Lanyard.Server.Api;
using Lanyard.Store.Inventory;
using Microsoft.AspNetCore.Http.Extensions;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>
/// Posture findings grouped by kind, then owner, each kind with what to do about it. A group shows
/// its first rows and links to itself alone, so a large estate still gives a page one can read.
/// </summary>
public sealed class FindingsModel(InventoryService inventory, DashboardSnapshots snapshots) : DashboardPage
{
    /// <summary>Rows shown per kind and owner before the "show all" link.</summary>
    public const int RowsPerGroup = 20;

    /// <summary>The owner filter value that selects findings nobody owns.</summary>
    public const string NoOwner = "-";

    /// <summary>Findings by kind, and within a kind by owner (null: nobody owns them).</summary>
    public IReadOnlyList<IGrouping<FindingKind, IGrouping<string?, Finding>>> Groups { get; private set; } = [];

    public string? Environment { get; private set; }

    public FindingKind? Kind { get; private set; }

    /// <summary>An owner's name, <see cref="NoOwner"/>, or null for every owner.</summary>
    public string? Owner { get; private set; }

    public IReadOnlyList<string> Environments { get; private set; } = [];

    public string? Error { get; private set; }

    public int Total { get; private set; }

    /// <summary>When the findings shown were computed.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Whether one kind of one owner is shown, in full.</summary>
    public bool OneGroup => Kind is not null && Owner is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Environment = QueryValue("environment");
        Owner = QueryValue("owner");
        if (QueryValue("kind") is { } kindText)
        {
            if (EnumText.TryParse<FindingKind>(kindText, out var kind))
            {
                Kind = kind;
            }
            else
            {
                Error = $"'{kindText}' is not a finding kind; choose one of {EnumText.List<FindingKind>()}.";
            }
        }

        Environments = [.. (await inventory.ListEnvironmentsAsync(cancellationToken)).Select(e => e.Name).Where(Sees)];
        var snapshot = await snapshots.PostureAsync(Environment, cancellationToken);
        At = snapshot.At;
        if (Error is not null || !snapshot.Value.Succeeded)
        {
            Error ??= snapshot.Value.Problem!.Detail;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var findings = snapshot.Value.Value!.Where(f => Sees(f.Environment) && (Kind is null || f.Kind == Kind)
            && (Owner is null || (Owner == NoOwner ? f.Owner is null : string.Equals(f.Owner, Owner, StringComparison.OrdinalIgnoreCase))))
            .ToList();
        Total = findings.Count;
        Groups = [.. findings
            .GroupBy(f => f.Kind)
            .OrderBy(g => g.Key)
            .Select(g => new KindGroup(g.Key,
                [.. g.GroupBy(f => f.Owner).OrderBy(o => o.Key is null ? 0 : 1).ThenBy(o => o.Key,
                    StringComparer.OrdinalIgnoreCase)]))];
    }

    /// <summary>This page narrowed to one kind and one owner (null: nobody), in the same environment.</summary>
    public string GroupLink(FindingKind kind, string? owner)
    {
        var query = new QueryBuilder();
        if (Environment is not null)
        {
            query.Add("environment", Environment);
        }

        query.Add("kind", EnumText.Of(kind));
        query.Add("owner", owner ?? NoOwner);
        return "/findings" + query.ToQueryString();
    }

    private sealed class KindGroup(FindingKind key, IReadOnlyList<IGrouping<string?, Finding>> owners)
        : IGrouping<FindingKind, IGrouping<string?, Finding>>
    {
        public FindingKind Key => key;

        public IEnumerator<IGrouping<string?, Finding>> GetEnumerator() => owners.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
