using Lanyard.Core.Inventory;

namespace Lanyard.Core.Discovery;

/// <summary>Creates credentials from discovered records and merges later records into them.</summary>
internal static class CredentialMerge
{
    public static Credential Create(
        DiscoveredCredential discovered, IdentityId? identityId, string environment, OwnerDirectory owners,
        DateTimeOffset now)
    {
        var credential = new Credential
        {
            Name = discovered.Name,
            Environment = environment,
            Kind = discovered.Kind,
            Source = CredentialSource.Discovered,
            Origin = discovered.Origin,
            ExternalKey = discovered.ExternalKey,
            IdentityId = identityId,
            OwnerId = owners.Resolve(discovered.OwnerName, discovered.OwnerStated, current: null),
            State = discovered.State ?? CredentialState.Active,
            CreatedAt = discovered.CreatedAt ?? now,
            UsageTracked = discovered.UsageTracked ?? false,
            UpdatedAt = now,
        };

        UpdateFacts(credential, discovered);
        return credential;
    }

    /// <summary>Applies what the record knows; returns true when some stored value changed.</summary>
    public static bool Update(
        Credential credential, DiscoveredCredential discovered, IdentityId? identityId, OwnerDirectory owners)
    {
        var changed = false;

        // A name built from the key id ("access key AKIA…") is better than a positional one
        // ("access key 1 of svc-x") from a source that does not know the id, so it is kept.
        if (discovered.KeyId is not null || credential.KeyId is null)
        {
            changed |= Assign.IfKnown(credential.Name, discovered.Name, v => credential.Name = v);
        }

        changed |= Assign.IfDifferent(credential.Kind, discovered.Kind, v => credential.Kind = v);
        changed |= Assign.IfKnown(credential.Origin, discovered.Origin, v => credential.Origin = v);
        changed |= Assign.IfKnown(credential.IdentityId, identityId, v => credential.IdentityId = v);

        var ownerId = owners.Resolve(discovered.OwnerName, discovered.OwnerStated, credential.OwnerId);
        changed |= Assign.IfDifferent(credential.OwnerId, ownerId, v => credential.OwnerId = v);

        changed |= UpdateState(credential, discovered.State);
        changed |= Assign.IfKnown(credential.CreatedAt, discovered.CreatedAt, v => credential.CreatedAt = v);
        changed |= Assign.IfKnown(credential.UsageTracked, discovered.UsageTracked, v => credential.UsageTracked = v);
        changed |= UpdateFacts(credential, discovered);
        return changed;
    }

    /// <summary>
    /// A revoked credential stays revoked whatever an export says; one that was gone and is seen
    /// again is back, in the state the source reports or else active.
    /// </summary>
    private static bool UpdateState(Credential credential, CredentialState? reported)
    {
        if (credential.State == CredentialState.Revoked)
        {
            return false;
        }

        var unchanged = credential.State == CredentialState.Gone ? CredentialState.Active : credential.State;
        var state = reported ?? unchanged;
        return Assign.IfDifferent(credential.State, state, v => credential.State = v);
    }

    private static bool UpdateFacts(Credential credential, DiscoveredCredential discovered)
    {
        var changed = false;
        changed |= Assign.IfKnown(credential.Fingerprint, discovered.Fingerprint, v => credential.Fingerprint = v);
        changed |= Assign.IfKnown(credential.KeyId, discovered.KeyId, v => credential.KeyId = v);
        changed |= Assign.IfKnown(credential.ExpiresAt, discovered.ExpiresAt, v => credential.ExpiresAt = v);
        changed |= Assign.IfKnown(
            credential.LastRotatedAt, discovered.LastRotatedAt, v => credential.LastRotatedAt = v);
        changed |= Assign.IfKnown(credential.KeyAlgorithm, discovered.KeyAlgorithm, v => credential.KeyAlgorithm = v);
        changed |= Assign.IfKnown(credential.KeySize, discovered.KeySize, v => credential.KeySize = v);
        changed |= Assign.IfKnown(
            credential.SignatureAlgorithm, discovered.SignatureAlgorithm, v => credential.SignatureAlgorithm = v);
        changed |= Assign.IfKnown(credential.Subject, discovered.Subject, v => credential.Subject = v);
        changed |= Assign.IfKnown(credential.Issuer, discovered.Issuer, v => credential.Issuer = v);
        changed |= UpdateLastUsed(credential, discovered.LastUsedAt);
        changed |= UpdateNames(credential, discovered.SubjectAlternativeNames);
        return changed;
    }

    /// <summary>Usage only moves forward, so an older export imported late does not hide newer use.</summary>
    private static bool UpdateLastUsed(Credential credential, DateTimeOffset? lastUsedAt)
    {
        if (lastUsedAt is not { } used || (credential.LastUsedAt is { } stored && stored >= used))
        {
            return false;
        }

        credential.LastUsedAt = used;
        return true;
    }

    private static bool UpdateNames(Credential credential, IReadOnlyList<string>? names)
    {
        if (names is null || credential.SubjectAlternativeNames.SequenceEqual(names, StringComparer.Ordinal))
        {
            return false;
        }

        credential.SubjectAlternativeNames = [.. names];
        return true;
    }
}
