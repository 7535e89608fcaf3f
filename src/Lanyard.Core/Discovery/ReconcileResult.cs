using Lanyard.Core.Inventory;

namespace Lanyard.Core.Discovery;

/// <summary>
/// What merging one discovery batch did to an environment's inventory, so the caller can persist
/// and audit it. Changed lists hold only entities whose values really changed (reappearing ones
/// included); importing the same batch twice reports no change the second time.
/// </summary>
public sealed record ReconcileResult(
    IReadOnlyList<Identity> AddedIdentities,
    IReadOnlyList<Identity> ChangedIdentities,
    IReadOnlyList<Identity> GoneIdentities,
    IReadOnlyList<Credential> AddedCredentials,
    IReadOnlyList<Credential> ChangedCredentials,
    IReadOnlyList<Credential> GoneCredentials,
    IReadOnlyList<Owner> AddedOwners)
{
    public int IdentitiesAdded => AddedIdentities.Count;

    public int IdentitiesChanged => ChangedIdentities.Count;

    public int IdentitiesGone => GoneIdentities.Count;

    public int CredentialsAdded => AddedCredentials.Count;

    public int CredentialsChanged => ChangedCredentials.Count;

    public int CredentialsGone => GoneCredentials.Count;

    public int OwnersAdded => AddedOwners.Count;

    /// <summary>True when anything at all was added, changed or marked gone.</summary>
    public bool HasChanges =>
        IdentitiesAdded + IdentitiesChanged + IdentitiesGone + CredentialsAdded + CredentialsChanged
        + CredentialsGone + OwnersAdded > 0;
}
