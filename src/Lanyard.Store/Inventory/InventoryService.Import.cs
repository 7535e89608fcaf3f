using Lanyard.Core;
using Lanyard.Core.Discovery;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Inventory;

public sealed partial class InventoryService
{
    /// <summary>
    /// Merges what an import found into one environment in a single transaction: all of it lands,
    /// with its audit event, or none of it does.
    /// </summary>
    public Task<Result<ImportSummary>> ImportAsync(
        string environmentName, DiscoveryBatch batch, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return WriteAsync<ImportSummary>(async db =>
        {
            var environment = await db.Environments.AsNoTracking()
                .SingleOrDefaultAsync(e => e.Name == environmentName, cancellationToken);
            if (environment is null)
            {
                return Problem.NotFound("environment", environmentName);
            }

            var identities = await db.Identities.Where(i => i.Environment == environmentName).ToListAsync(cancellationToken);
            var credentials = await db.Credentials.Where(c => c.Environment == environmentName).ToListAsync(cancellationToken);
            var owners = await db.Owners.ToListAsync(cancellationToken);

            var result = DiscoveryReconciler.Reconcile(environment, identities, credentials, owners, batch, Now);
            db.Owners.AddRange(result.AddedOwners);
            db.Identities.AddRange(result.AddedIdentities);
            db.Credentials.AddRange(result.AddedCredentials);

            var summary = new ImportSummary(batch.Source, environmentName,
                result.IdentitiesAdded, result.IdentitiesChanged, result.IdentitiesGone,
                result.CredentialsAdded, result.CredentialsChanged, result.CredentialsGone, result.OwnersAdded);
            return (summary, new AuditEntry(actor, $"import.{batch.Source}", $"environment/{environmentName}")
            {
                Detail = new Dictionary<string, object?>
                {
                    ["identitiesAdded"] = summary.IdentitiesAdded,
                    ["identitiesChanged"] = summary.IdentitiesChanged,
                    ["identitiesGone"] = summary.IdentitiesGone,
                    ["credentialsAdded"] = summary.CredentialsAdded,
                    ["credentialsChanged"] = summary.CredentialsChanged,
                    ["credentialsGone"] = summary.CredentialsGone,
                    ["ownersAdded"] = summary.OwnersAdded,
                },
            });
        }, cancellationToken);
    }
}
