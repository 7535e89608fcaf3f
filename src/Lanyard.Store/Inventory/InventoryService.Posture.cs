using Lanyard.Core;
using Lanyard.Core.Inventory;
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
        // Revoked and gone credentials raise no finding and count for no reuse: they stay in the database.
        var credentials = await db.Credentials.AsNoTracking()
            .Where(c => c.State != CredentialState.Revoked && c.State != CredentialState.Gone)
            .Select(c => new PostureCredential(c.Id, c.IdentityId, c.Environment, c.OwnerId, c.Name, c.Kind, c.Source,
                c.State, c.Fingerprint, c.CreatedAt, c.ExpiresAt, c.LastUsedAt, c.UsageTracked, c.KeyAlgorithm,
                c.KeySize, c.SignatureAlgorithm))
            .ToListAsync(cancellationToken);

        var input = new PostureInput(environments, owners, identities, credentials);
        var findings = PostureAnalyzer.Analyze(input, asOf ?? Now);
        return environment is null
            ? Result<IReadOnlyList<Finding>>.Ok(findings)
            : findings.Where(f => f.Environment == environment || f.Occurrences.Any(o => o.Environment == environment)).ToList();
    }
}
