using Lanyard.Core.Inventory;

namespace Lanyard.Store.Inventory;

/// <summary>Filters and paging shared by identity and credential lists. Null means no filter.</summary>
public sealed record ListQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public string? Environment { get; init; }

    /// <summary>The owner's name.</summary>
    public string? Owner { get; init; }

    public IdentityId? Identity { get; init; }

    public CredentialKind? Kind { get; init; }

    public CredentialState? State { get; init; }

    /// <summary>A case-insensitive substring of the name.</summary>
    public string? Text { get; init; }

    /// <summary>The id of the last item of the previous page.</summary>
    public string? Cursor { get; init; }

    public int Limit { get; init; } = DefaultLimit;
}
