namespace Lanyard.Core.Policy;

/// <summary>
/// What the identities whose names match <see cref="Match"/> may receive. A list that is absent
/// grants nothing of its kind; the identity's allowance is the union over every rule it matches.
/// </summary>
public sealed record IdentityRule(NamePattern Match)
{
    public IReadOnlyList<NamePattern> SpiffePaths { get; init; } = [];

    public IReadOnlyList<NamePattern> DnsNames { get; init; } = [];

    public IReadOnlyList<NamePattern> Scopes { get; init; } = [];
}
