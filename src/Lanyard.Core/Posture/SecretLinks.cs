using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>Which of the credentials that share a reported secret's fingerprint the secret is linked to.</summary>
public static class SecretLinks
{
    /// <summary>
    /// The live credentials. Only when none is live are the revoked or gone ones named, so an old copy
    /// of a rotated key still leads to its owner. Ordered by environment, then name.
    /// </summary>
    public static List<T> Choose<T>(
        IReadOnlyCollection<T> credentials, Func<T, CredentialState> state, Func<T, string> environment, Func<T, string> name)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(state);
        var live = credentials.Where(c => state(c) is not (CredentialState.Gone or CredentialState.Revoked)).ToList();
        return [.. (live.Count > 0 ? live : credentials)
            .OrderBy(environment, StringComparer.Ordinal)
            .ThenBy(name, StringComparer.Ordinal)];
    }
}
