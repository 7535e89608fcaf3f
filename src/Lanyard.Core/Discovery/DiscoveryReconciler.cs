using Lanyard.Core.Inventory;

namespace Lanyard.Core.Discovery;

/// <summary>
/// Merges a discovery batch into one environment's inventory. Pure: it changes the entities it is
/// given and returns new ones, and the caller persists and audits what the result lists.
/// </summary>
public static class DiscoveryReconciler
{
    /// <summary>
    /// Adds what is new, updates what is known (matched by external key), marks as gone what the
    /// batch's complete scopes no longer list, and brings back what reappears.
    /// </summary>
    /// <param name="environment">The environment imported into; its trust domain forms SPIFFE IDs.</param>
    /// <param name="identities">The environment's identities; discovered ones are updated in place.</param>
    /// <param name="credentials">The environment's credentials; discovered ones are updated in place.</param>
    /// <param name="owners">All owners; names the batch mentions that are not among them become new owners.</param>
    /// <param name="batch">What the import found.</param>
    /// <param name="now">The time stamped on new and changed entities.</param>
    /// <exception cref="ArgumentException">The batch lists one external key twice.</exception>
    public static ReconcileResult Reconcile(
        DeploymentEnvironment environment,
        IReadOnlyCollection<Identity> identities,
        IReadOnlyCollection<Credential> credentials,
        IReadOnlyCollection<Owner> owners,
        DiscoveryBatch batch,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(batch);

        var ownerDirectory = new OwnerDirectory(owners, now);
        var identityRun = MergeIdentities(environment, identities, batch, ownerDirectory, now);
        var credentialRun = MergeCredentials(
            environment, credentials, batch, identityRun.ByKey, ownerDirectory, now);

        var goneIdentities = MarkGoneIdentities(identities, identityRun.SeenKeys, batch.CompleteScopes, now);
        var goneCredentials = MarkGoneCredentials(credentials, credentialRun.SeenKeys, batch.CompleteScopes, now);

        return new ReconcileResult(
            identityRun.Added,
            identityRun.Changed,
            goneIdentities,
            credentialRun.Added,
            credentialRun.Changed,
            goneCredentials,
            ownerDirectory.Added);
    }

    private static MergeRun<Identity> MergeIdentities(
        DeploymentEnvironment environment,
        IReadOnlyCollection<Identity> identities,
        DiscoveryBatch batch,
        OwnerDirectory owners,
        DateTimeOffset now)
    {
        var run = new MergeRun<Identity>(identities, static i => i.ExternalKey, static (i, t) => i.UpdatedAt = t);
        var names = new HashSet<string>(identities.Select(i => i.Name), StringComparer.Ordinal);

        foreach (var discovered in batch.Identities)
        {
            run.See(discovered.ExternalKey);
            if (run.ByKey.TryGetValue(discovered.ExternalKey, out var identity))
            {
                run.Update(identity, IdentityMerge.Update(identity, discovered, environment, owners), now);
                continue;
            }

            var name = UniqueName(discovered.Name, batch.Source, names);
            run.Add(discovered.ExternalKey, IdentityMerge.Create(discovered, name, environment, owners, now));
        }

        return run;
    }

    private static MergeRun<Credential> MergeCredentials(
        DeploymentEnvironment environment,
        IReadOnlyCollection<Credential> credentials,
        DiscoveryBatch batch,
        Dictionary<string, Identity> identitiesByKey,
        OwnerDirectory owners,
        DateTimeOffset now)
    {
        var run = new MergeRun<Credential>(
            credentials, static c => c.ExternalKey, static (c, t) => c.UpdatedAt = t);

        foreach (var discovered in batch.Credentials)
        {
            run.See(discovered.ExternalKey);
            IdentityId? identityId = discovered.IdentityExternalKey is { } key
                                     && identitiesByKey.TryGetValue(key, out var holder)
                ? holder.Id
                : null;

            if (run.ByKey.TryGetValue(discovered.ExternalKey, out var credential))
            {
                run.Update(credential, CredentialMerge.Update(credential, discovered, identityId, owners), now);
                continue;
            }

            var created = CredentialMerge.Create(discovered, identityId, environment.Name, owners, now);
            run.Add(discovered.ExternalKey, created);
        }

        return run;
    }

    /// <summary>A discovered name that an identity of another origin already uses gets the source appended.</summary>
    private static string UniqueName(string name, string source, HashSet<string> names)
    {
        var candidate = name;
        for (var n = 2; !names.Add(candidate); n++)
        {
            candidate = n == 2 ? $"{name} ({source})" : $"{name} ({source} {n - 1})";
        }

        return candidate;
    }

    private static List<Identity> MarkGoneIdentities(
        IReadOnlyCollection<Identity> identities, HashSet<string> seen, IReadOnlyList<string> scopes,
        DateTimeOffset now)
    {
        var gone = new List<Identity>();
        foreach (var identity in identities)
        {
            if (!identity.Gone && IsMissing(identity.ExternalKey, seen, scopes))
            {
                identity.Gone = true;
                identity.UpdatedAt = now;
                gone.Add(identity);
            }
        }

        return gone;
    }

    private static List<Credential> MarkGoneCredentials(
        IReadOnlyCollection<Credential> credentials, HashSet<string> seen, IReadOnlyList<string> scopes,
        DateTimeOffset now)
    {
        var gone = new List<Credential>();
        foreach (var credential in credentials)
        {
            if (credential.State is not (CredentialState.Gone or CredentialState.Revoked)
                && IsMissing(credential.ExternalKey, seen, scopes))
            {
                credential.State = CredentialState.Gone;
                credential.UpdatedAt = now;
                gone.Add(credential);
            }
        }

        return gone;
    }

    private static bool IsMissing(string? externalKey, HashSet<string> seen, IReadOnlyList<string> scopes)
    {
        if (externalKey is null || seen.Contains(externalKey))
        {
            return false;
        }

        foreach (var scope in scopes)
        {
            if (externalKey.StartsWith(scope, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
