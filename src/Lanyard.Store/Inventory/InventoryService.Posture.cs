using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Core.Policy;
using Lanyard.Core.Posture;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Inventory;

public sealed partial class InventoryService
{
    /// <summary>
    /// Findings as of <paramref name="asOf"/> (now when null), for one environment or all. Reuse is
    /// judged across every environment, then kept when one of its occurrences is in the one asked for.
    /// </summary>
    public async Task<Result<IReadOnlyList<Finding>>> PostureAsync(
        string? environment, DateTimeOffset? asOf, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var environments = await db.Environments.AsNoTracking().ToDictionaryAsync(e => e.Name, cancellationToken);
        if (environment is not null && !environments.ContainsKey(environment))
        {
            return Problem.NotFound("environment", environment);
        }

        var owners = await db.Owners.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var identities = await db.Identities.AsNoTracking()
            .Select(i => new PostureIdentity(i.Id, i.Name, i.Environment, i.OwnerId, i.Class, i.Gone, i.CreatedAt))
            .ToListAsync(cancellationToken);
        var policies = await PoliciesAsync(db, cancellationToken);
        var credentials = await Candidates(db, environments.Values, policies.Keys.ToList(), asOf ?? Now).ToListAsync(cancellationToken);

        var sightings = await db.SecretSightings.AsNoTracking().ToListAsync(cancellationToken);

        // Endpoints are watched by hand, so there are few; all are loaded.
        var endpoints = await db.WatchedEndpoints.AsNoTracking().ToListAsync(cancellationToken);

        var input = new PostureInput(environments, owners, identities, credentials)
        {
            Sightings = sightings,
            Policies = policies,
            Endpoints = endpoints,
        };
        var findings = PostureAnalyzer.Analyze(input, asOf ?? Now);
        return environment is null
            ? Result<IReadOnlyList<Finding>>.Ok(findings)
            : findings.Where(f => f.Environment == environment || f.Occurrences.Any(o => o.Environment == environment)).ToList();
    }

    /// <summary>
    /// The credentials some posture rule can fire on, selected in the database so that the large
    /// majority that raise no finding are never loaded: the analyzer gives the same findings on
    /// these as on all of them. Revoked and gone credentials raise none and count for no reuse.
    /// </summary>
    /// <remarks>
    /// A bound credential is never orphaned: the foreign key keeps its identity in the table.
    /// Reuse needs every credential whose fingerprint occurs more than once, whatever its state, and a
    /// hardcoded secret every credential with its fingerprint, revoked and gone ones included.
    /// </remarks>
    /// <summary>The policy in force in every environment that has one.</summary>
    internal static async Task<Dictionary<string, EnvironmentPolicy>> PoliciesAsync(LanyardDbContext db,
        CancellationToken cancellationToken)
    {
        var governed = await db.PolicyVersions.AsNoTracking().Select(p => p.Environment).Distinct().ToListAsync(cancellationToken);
        var policies = new Dictionary<string, EnvironmentPolicy>(StringComparer.Ordinal);
        foreach (var environment in governed)
        {
            policies[environment] = (await Policy.Policies.CurrentAsync(db, environment, cancellationToken))!;
        }

        return policies;
    }

    private static IQueryable<PostureCredential> Candidates(
        LanyardDbContext db, IEnumerable<DeploymentEnvironment> environments, List<string> governed, DateTimeOffset asOf)
    {
        var (staleBefore, expiringBy) = PostureAnalyzer.Horizons(environments, asOf);
        var repeated = db.Credentials
            .Where(c => c.Fingerprint != null)
            .GroupBy(c => c.Fingerprint!)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);

        // A secret a scan reported links to its credential whatever that credential's state.
        var sighted = db.SecretSightings.Select(s => s.Fingerprint);

        return db.Credentials.AsNoTracking()
            .Where(c =>
                (c.Fingerprint != null && sighted.Contains(c.Fingerprint))
                || (c.State != CredentialState.Revoked && c.State != CredentialState.Gone
                    && ((c.Source == CredentialSource.Discovered && c.OwnerId == null && c.IdentityId == null)
                        || (c.State == CredentialState.Active && c.UsageTracked && (c.LastUsedAt ?? c.CreatedAt) <= staleBefore)
                        || ((c.State == CredentialState.Active || c.State == CredentialState.Expired)
                            && c.ExpiresAt != null && c.ExpiresAt <= expiringBy)
                        // A renewed certificate is judged by its newest sibling, so every live issued one counts.
                        || (c.Kind == CredentialKind.Certificate && c.Source == CredentialSource.Issued
                            && c.State == CredentialState.Active)
                        // The policy rule judges every live credential Lanyard issued where a policy is in force.
                        || (c.Source == CredentialSource.Issued && c.State == CredentialState.Active
                            && governed.Contains(c.Environment)
                            && (c.Kind == CredentialKind.ApiKey || c.Kind == CredentialKind.ClientSecret
                                || c.Kind == CredentialKind.Certificate))
                        || c.KeySize < PostureAnalyzer.MinimumRsaBits
                        || c.SignatureAlgorithm!.ToLower().Contains("sha1")
                        || c.SignatureAlgorithm!.ToLower().Contains("sha-1")
                        // Tested for null first so the subquery runs once, not once a row.
                        || (c.Fingerprint != null && repeated.Contains(c.Fingerprint)))))
            .Select(c => new PostureCredential(c.Id, c.IdentityId, c.Environment, c.OwnerId, c.Name, c.Kind, c.Source,
                c.State, c.Fingerprint, c.CreatedAt, c.ExpiresAt, c.LastUsedAt, c.UsageTracked, c.KeyAlgorithm,
                c.KeySize, c.SignatureAlgorithm) { SubjectAlternativeNames = c.SubjectAlternativeNames });
    }
}
