namespace Lanyard.Store.Inventory;

/// <summary>Filters and paging for reported places of hardcoded secrets. Null means no filter.</summary>
public sealed record SightingQuery
{
    public string? Source { get; init; }

    public string? Fingerprint { get; init; }

    public string? RuleId { get; init; }

    /// <summary>The id of the last item of the previous page.</summary>
    public string? Cursor { get; init; }

    public int Limit { get; init; } = ListQuery.DefaultLimit;
}
