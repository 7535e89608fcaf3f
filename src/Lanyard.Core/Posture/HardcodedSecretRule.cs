using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>
/// Hardcoded secrets reported by scans. One finding per secret (fingerprint) with every place it was
/// reported; when the inventory holds a credential with that fingerprint the finding is about that
/// credential, so it names the identity, environment and owner, one finding per matching credential.
/// A secret the inventory does not know is still a finding, with no environment.
/// </summary>
internal static class HardcodedSecretRule
{
    public static void AddFindings(PostureInput input, PostureContext context, DateTimeOffset asOf, List<Finding> findings)
    {
        var sightings = SightingsByFingerprint(input.Sightings, asOf);
        if (sightings.Count == 0)
        {
            return;
        }

        var matches = CredentialsByFingerprint(input.Credentials, sightings);
        foreach (var (fingerprint, seen) in sightings)
        {
            var locations = seen
                .OrderBy(s => s.Source, StringComparer.Ordinal)
                .ThenBy(s => s.Path, StringComparer.Ordinal)
                .ThenBy(s => s.Line)
                .ThenBy(s => s.FirstReportedAt)
                .Select(SecretLocation.From)
                .ToList();
            var since = seen.Min(s => s.FirstReportedAt);
            var found = Describe(seen, locations);

            if (!matches.TryGetValue(fingerprint, out var credentials))
            {
                findings.Add(new Finding(FindingKind.HardcodedSecret, string.Empty,
                    found + "; no credential in the inventory has this fingerprint", since)
                {
                    Fingerprint = fingerprint,
                    Locations = locations,
                });
                continue;
            }

            foreach (var credential in SecretLinks.Choose(credentials, c => c.State, c => c.Environment, c => c.Name))
            {
                var reason = credential.State is CredentialState.Active
                    ? found
                    : $"{found}; the credential is {credential.State.ToString().ToLowerInvariant()}";
                findings.Add(context.ForCredential(FindingKind.HardcodedSecret, credential, reason, since) with
                {
                    Locations = locations,
                });
            }
        }
    }

    /// <summary>
    /// Sightings reported by the as-of moment and not resolved by then, grouped by the secret they saw.
    /// </summary>
    private static Dictionary<string, List<SecretSighting>> SightingsByFingerprint(
        IReadOnlyList<SecretSighting> sightings, DateTimeOffset asOf)
    {
        var grouped = new Dictionary<string, List<SecretSighting>>(StringComparer.Ordinal);
        foreach (var sighting in sightings)
        {
            if (sighting.FirstReportedAt > asOf || sighting.ResolvedAt <= asOf)
            {
                continue;
            }

            if (!grouped.TryGetValue(sighting.Fingerprint, out var list))
            {
                grouped[sighting.Fingerprint] = list = [];
            }

            list.Add(sighting);
        }

        return grouped;
    }

    /// <summary>One pass over the inventory; only fingerprints that were reported are looked up.</summary>
    private static Dictionary<string, List<PostureCredential>> CredentialsByFingerprint(
        IReadOnlyList<PostureCredential> credentials, Dictionary<string, List<SecretSighting>> sightings)
    {
        var matches = new Dictionary<string, List<PostureCredential>>(StringComparer.Ordinal);
        foreach (var credential in credentials)
        {
            if (credential.Fingerprint is not { } fingerprint || !sightings.ContainsKey(fingerprint))
            {
                continue;
            }

            if (!matches.TryGetValue(fingerprint, out var list))
            {
                matches[fingerprint] = list = [];
            }

            list.Add(credential);
        }

        return matches;
    }

    /// <summary>The most certain rule's kind, then the first place and how many more.</summary>
    private static string Describe(List<SecretSighting> seen, List<SecretLocation> locations)
    {
        var surest = seen.OrderByDescending(s => s.Confidence).ThenBy(s => s.RuleId, StringComparer.Ordinal).First();
        var more = locations.Count switch
        {
            1 => string.Empty,
            2 => ", and 1 more place",
            _ => $", and {locations.Count - 1} more places",
        };
        return $"{surest.Kind} (rule {surest.RuleId}, {surest.Confidence.ToString().ToLowerInvariant()} confidence) "
               + $"hardcoded in {locations[0]}{more}";
    }
}
