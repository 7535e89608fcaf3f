using Lanyard.Core.Audit;
using Lanyard.Core.Inventory;

namespace Lanyard.Store.Inventory;

/// <summary>The orders the credential list of the dashboard can be read in; each is backed by an index.</summary>
public enum CredentialSort
{
    /// <summary>By name, A to Z.</summary>
    Name,

    /// <summary>Soonest expiry first; credentials that never expire come last.</summary>
    Expires,

    /// <summary>By environment, then name.</summary>
    Environment,

    /// <summary>Most recently changed first.</summary>
    Updated,
}

/// <summary>Filters, order and keyset position of one page of the credential list. Null means no filter.</summary>
public sealed record CredentialBrowse
{
    public const int DefaultLimit = 50;

    public string? Environment { get; init; }

    /// <summary>The environments the reader may see, for a principal limited to some; null means every one.</summary>
    public IReadOnlyList<string>? Within { get; init; }

    /// <summary>The owner's name; matches credentials owned directly or through their identity.</summary>
    public string? Owner { get; init; }

    public CredentialKind? Kind { get; init; }

    public CredentialState? State { get; init; }

    /// <summary>A case-insensitive substring of the credential's name.</summary>
    public string? Text { get; init; }

    public CredentialSort Sort { get; init; } = CredentialSort.Name;

    /// <summary>An opaque position a page handed out: the page starts after it, or ends before it when <see cref="Backward"/>.</summary>
    public string? Cursor { get; init; }

    /// <summary>Read the page that ends just before <see cref="Cursor"/> (a "previous page" link).</summary>
    public bool Backward { get; init; }

    public int Limit { get; init; } = DefaultLimit;
}

/// <summary>Filters and keyset position of one page of the identity list, read by name.</summary>
public sealed record IdentityBrowse
{
    public string? Environment { get; init; }

    /// <summary>The environments the reader may see, for a principal limited to some; null means every one.</summary>
    public IReadOnlyList<string>? Within { get; init; }

    public string? Owner { get; init; }

    /// <summary>A case-insensitive substring of the name or SPIFFE ID.</summary>
    public string? Text { get; init; }

    /// <summary>Only machine identities without an owner.</summary>
    public bool OrphansOnly { get; init; }

    /// <summary>An opaque position a page handed out: the page starts after it, or ends before it when <see cref="Backward"/>.</summary>
    public string? Cursor { get; init; }

    /// <summary>Read the page that ends just before <see cref="Cursor"/>.</summary>
    public bool Backward { get; init; }

    public int Limit { get; init; } = CredentialBrowse.DefaultLimit;
}

/// <summary>
/// One page of a dashboard list, how many rows match in all, the position after its last row
/// (null on the last page) and the position before its first row (null on the first page).
/// </summary>
public sealed record BrowsePage<T>(IReadOnlyList<T> Items, int Total, string? NextCursor, string? PreviousCursor = null);

/// <summary>A credential as a list shows it: never its secret, with the names of its identity and owner.</summary>
public sealed record CredentialRow(
    CredentialId Id, string Name, CredentialKind Kind, CredentialState State, CredentialSource Source, string Environment,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset UpdatedAt, IdentityId? IdentityId, string? Identity,
    string? Owner);

/// <summary>An identity as a list shows it, with its owner's name and how many credentials it holds.</summary>
public sealed record IdentityRow(
    IdentityId Id, string Name, string Environment, string SpiffeId, IdentityClass Class, CredentialSource Source, bool Gone,
    string? Owner, int Credentials);

/// <summary>Live credentials (active or inactive) of one kind in one environment.</summary>
public sealed record KindCount(string Environment, CredentialKind Kind, int Count);

/// <summary>Active credentials of one environment that expire within 30, 31 to 60, and 61 to 90 days.</summary>
public sealed record ExpiryBuckets(string Environment, int Within30Days, int Within60Days, int Within90Days)
{
    public int Total => Within30Days + Within60Days + Within90Days;
}

/// <summary>What the overview shows: the estate by environment and kind, and what expires next.</summary>
public sealed record EstateSummary(
    IReadOnlyList<string> Environments, IReadOnlyDictionary<string, int> IdentitiesByEnvironment, IReadOnlyList<KindCount> Credentials,
    IReadOnlyList<ExpiryBuckets> Expiring)
{
    /// <summary>The same summary for a reader who may see only <paramref name="environments"/>; null keeps every one.</summary>
    public EstateSummary Within(IReadOnlyCollection<string>? environments) => environments is null
        ? this
        : new EstateSummary(
            [.. Environments.Where(environments.Contains)],
            IdentitiesByEnvironment.Where(p => environments.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value),
            [.. Credentials.Where(c => environments.Contains(c.Environment))],
            [.. Expiring.Where(e => environments.Contains(e.Environment))]);
}

/// <summary>How much one owner is accountable for.</summary>
public sealed record OwnerLoad(OwnerId Id, string Name, string? Contact, int Identities, int Credentials);

/// <summary>An identity with its credentials and the audit events about either.</summary>
public sealed record IdentityDetail(
    Identity Identity, string? Owner, string? OwnerContact, IReadOnlyList<Credential> Credentials, IReadOnlyList<AuditEvent> Events);
