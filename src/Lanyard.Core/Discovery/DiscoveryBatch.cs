namespace Lanyard.Core.Discovery;

/// <summary>
/// What one import found in one environment: identities and credentials keyed by their source's
/// own ids, plus the scopes the batch lists completely.
/// </summary>
/// <param name="Source">The importer, such as <c>aws</c> or <c>kubernetes</c>.</param>
/// <param name="Identities">Identities seen, at most once per external key.</param>
/// <param name="Credentials">Credentials seen, at most once per external key.</param>
/// <param name="CompleteScopes">
/// External-key prefixes this batch covers in full: anything already known under one of them and
/// absent here is marked gone. A file that lists one user's keys covers that user's keys only.
/// </param>
public sealed record DiscoveryBatch(
    string Source,
    IReadOnlyList<DiscoveredIdentity> Identities,
    IReadOnlyList<DiscoveredCredential> Credentials,
    IReadOnlyList<string> CompleteScopes);
