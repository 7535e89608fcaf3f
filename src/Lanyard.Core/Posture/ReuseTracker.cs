using System.Runtime.InteropServices;

namespace Lanyard.Core.Posture;

/// <summary>
/// Groups live credentials by fingerprint and reports each fingerprint seen in two or more
/// environments once, with every occurrence. Only fingerprints seen twice get a list, so a million
/// distinct fingerprints cost one dictionary entry each.
/// </summary>
internal sealed class ReuseTracker
{
    private readonly IReadOnlyList<PostureCredential> _credentials;
    private readonly Dictionary<string, int> _first;
    private readonly Dictionary<string, List<int>> _repeated = new(StringComparer.Ordinal);

    public ReuseTracker(IReadOnlyList<PostureCredential> credentials)
    {
        _credentials = credentials;

        // Sized up front: growing a dictionary of a million entries rehashes it twenty times.
        _first = new Dictionary<string, int>(credentials.Count, StringComparer.Ordinal);
    }

    public void Add(int index)
    {
        var fingerprint = _credentials[index].Fingerprint;
        if (string.IsNullOrEmpty(fingerprint))
        {
            return;
        }

        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(_first, fingerprint, out var seen);
        if (!seen)
        {
            first = index;
            return;
        }

        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_repeated, fingerprint, out _);
        list ??= [first];
        list.Add(index);
    }

    public void AddFindings(PostureContext context, List<Finding> findings)
    {
        foreach (var (fingerprint, indexes) in _repeated)
        {
            var credentials = indexes.ConvertAll(i => _credentials[i]);
            credentials.Sort(static (a, b) =>
            {
                var byEnvironment = string.CompareOrdinal(a.Environment, b.Environment);
                return byEnvironment != 0 ? byEnvironment : string.CompareOrdinal(a.Name, b.Name);
            });

            var environments = credentials.Select(c => c.Environment).Distinct(StringComparer.Ordinal).ToList();
            if (environments.Count < 2)
            {
                continue;
            }

            findings.Add(ReuseFinding(fingerprint, credentials, environments, context));
        }
    }

    private static Finding ReuseFinding(
        string fingerprint, List<PostureCredential> credentials, List<string> environments, PostureContext context)
    {
        var occurrences = credentials.ConvertAll(c =>
        {
            var identity = context.Identity(c.IdentityId);
            return new FindingOccurrence(c.Environment, c.Id, c.Name, identity?.Name, context.OwnerName(c, identity));
        });

        var first = credentials[0];
        var firstIdentity = context.Identity(first.IdentityId);
        var reason = $"the same value is in {environments.Count} environments ({string.Join(", ", environments)}), "
                     + $"{credentials.Count} places in all";

        return new Finding(FindingKind.ReusedAcrossEnvironments, first.Environment, reason, Since(credentials))
        {
            CredentialId = first.Id,
            CredentialName = first.Name,
            IdentityId = firstIdentity?.Id,
            IdentityName = firstIdentity?.Name,
            Owner = occurrences[0].Owner,
            Fingerprint = fingerprint,
            Occurrences = occurrences,
        };
    }

    /// <summary>Reuse holds from the moment the value existed in a second environment.</summary>
    private static DateTimeOffset Since(List<PostureCredential> credentials)
    {
        var earliest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var credential in credentials)
        {
            if (!earliest.TryGetValue(credential.Environment, out var known) || credential.CreatedAt < known)
            {
                earliest[credential.Environment] = credential.CreatedAt;
            }
        }

        return earliest.Values.Order().ElementAt(1);
    }
}
