using Lanyard.Core.Inventory;

namespace Lanyard.Core.Discovery;

/// <summary>Creates identities from discovered records and merges later records into them.</summary>
internal static class IdentityMerge
{
    public static Identity Create(
        DiscoveredIdentity discovered, string name, DeploymentEnvironment environment, OwnerDirectory owners,
        DateTimeOffset now)
    {
        var identity = new Identity
        {
            Name = name,
            Environment = environment.Name,
            SpiffeId = SpiffeId(environment, discovered),
            Class = discovered.Class ?? IdentityClass.Machine,
            Source = CredentialSource.Discovered,
            Origin = discovered.Origin,
            ExternalKey = discovered.ExternalKey,
            OwnerId = owners.Resolve(discovered.OwnerName, discovered.OwnerStated, current: null),
            CreatedAt = discovered.CreatedAt ?? now,
            UpdatedAt = now,
        };

        MergeLabels(identity, discovered.Labels);
        return identity;
    }

    /// <summary>Applies what the record knows; returns true when some stored value changed.</summary>
    public static bool Update(
        Identity identity, DiscoveredIdentity discovered, DeploymentEnvironment environment, OwnerDirectory owners)
    {
        var changed = false;
        if (!discovered.Partial)
        {
            changed |= Assign.IfKnown(identity.Name, discovered.Name, v => identity.Name = v);
            changed |= Assign.IfKnown(identity.SpiffeId, SpiffeId(environment, discovered), v => identity.SpiffeId = v);
        }

        changed |= Assign.IfKnown(identity.Class, discovered.Class, v => identity.Class = v);
        changed |= Assign.IfKnown(identity.CreatedAt, discovered.CreatedAt, v => identity.CreatedAt = v);
        changed |= Assign.IfKnown(identity.Origin, discovered.Origin, v => identity.Origin = v);

        var ownerId = identity.OwnerAssignedInLanyard
            ? identity.OwnerId
            : owners.Resolve(discovered.OwnerName, discovered.OwnerStated, identity.OwnerId);
        changed |= Assign.IfDifferent(identity.OwnerId, ownerId, v => identity.OwnerId = v);

        changed |= MergeLabels(identity, discovered.Labels);
        changed |= Assign.IfDifferent(identity.Gone, false, v => identity.Gone = v);
        return changed;
    }

    private static string SpiffeId(DeploymentEnvironment environment, DiscoveredIdentity discovered) =>
        $"spiffe://{environment.TrustDomain}{discovered.SpiffePath}";

    /// <summary>Labels merge: new keys and new values are taken, labels the source no longer reports stay.</summary>
    private static bool MergeLabels(Identity identity, IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null)
        {
            return false;
        }

        var changed = false;
        foreach (var (key, value) in labels)
        {
            if (!identity.Labels.TryGetValue(key, out var stored)
                || !string.Equals(stored, value, StringComparison.Ordinal))
            {
                identity.Labels[key] = value;
                changed = true;
            }
        }

        return changed;
    }
}
