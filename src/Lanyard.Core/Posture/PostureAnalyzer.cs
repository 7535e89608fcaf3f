using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>
/// Computes posture findings from an inventory snapshot. Pure and single-pass: identities and
/// credentials are each read once, so a million credentials take well under a second.
/// </summary>
public static class PostureAnalyzer
{
    /// <summary>RSA keys with fewer bits than this are weak.</summary>
    public const int MinimumRsaBits = WeakKeyRule.MinimumRsaBits;

    /// <summary>
    /// The bounds of the time rules in the most demanding of <paramref name="environments"/>: an
    /// active, usage-tracked credential last seen at or after <c>StaleBefore</c> is not stale, and
    /// one expiring after <c>ExpiringBy</c> is neither expiring nor expired. A store can use them
    /// to skip, before loading, credentials no rule can fire on.
    /// </summary>
    public static (DateTimeOffset StaleBefore, DateTimeOffset ExpiringBy) Horizons(
        IEnumerable<DeploymentEnvironment> environments, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(environments);

        // Unknown environment names are judged by the defaults, so those bound the horizons too.
        var staleAfter = DeploymentEnvironment.DefaultStaleAfterDays;
        var window = DeploymentEnvironment.DefaultRenewalWindowDays;
        foreach (var environment in environments)
        {
            staleAfter = Math.Min(staleAfter, environment.StaleAfterDays);
            window = Math.Max(window, environment.RenewalWindowDays);
        }

        return (asOf - TimeSpan.FromDays(staleAfter), asOf + TimeSpan.FromDays(window));
    }

    /// <summary>Evaluates every rule as of <paramref name="asOf"/>; returns the findings in a stable order.</summary>
    /// <param name="input">The snapshot: thresholds per environment, owner names, identities, credentials.</param>
    /// <param name="asOf">The moment the rules are judged at.</param>
    public static IReadOnlyList<Finding> Analyze(PostureInput input, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(input);

        var context = new PostureContext(input);
        var findings = new List<Finding>();

        // What did not exist yet at the as-of moment is not judged; what existed is judged in the
        // state it is recorded in now, since the inventory keeps no history of states.
        foreach (var identity in input.Identities)
        {
            if (identity.CreatedAt <= asOf && IsOrphanedIdentity(identity))
            {
                findings.Add(OrphanedIdentity(identity));
            }
        }

        var reuse = new ReuseTracker(input.Credentials);
        for (var i = 0; i < input.Credentials.Count; i++)
        {
            var credential = input.Credentials[i];
            if (credential.State is CredentialState.Gone or CredentialState.Revoked || credential.CreatedAt > asOf)
            {
                continue;
            }

            reuse.Add(i);
            CredentialRules.Evaluate(credential, context, asOf, findings);
            PolicyRule.Evaluate(credential, input.Policies, context, findings);
        }

        reuse.AddFindings(context, findings);
        HardcodedSecretRule.AddFindings(input, context, asOf, findings);
        EndpointRule.AddFindings(input, context, findings);

        findings.Sort(FindingOrder.Instance);
        return findings;
    }

    /// <summary>Only machine identities need an owner; human and platform-managed principals never do.</summary>
    private static bool IsOrphanedIdentity(PostureIdentity identity) =>
        identity is { Class: IdentityClass.Machine, Gone: false, OwnerId: null };

    private static Finding OrphanedIdentity(PostureIdentity identity) =>
        new(FindingKind.Orphaned, identity.Environment, "machine identity with no owner", identity.CreatedAt)
        {
            IdentityId = identity.Id,
            IdentityName = identity.Name,
        };
}
