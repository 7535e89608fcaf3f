using Lanyard.Core;
using Lanyard.Core.Discovery;
using Lanyard.Store.Audit;
using Lanyard.Store.Bulk;
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

            // Read without tracking and written in bulk: an export of a large account holds a
            // hundred thousand users, which tracked entities would take many seconds to save.
            var identities = await db.Identities.AsNoTracking()
                .Where(i => i.Environment == environmentName).ToListAsync(cancellationToken);
            var credentials = await db.Credentials.AsNoTracking()
                .Where(c => c.Environment == environmentName).ToListAsync(cancellationToken);
            var owners = await db.Owners.AsNoTracking().ToListAsync(cancellationToken);

            var result = DiscoveryReconciler.Reconcile(environment, identities, credentials, owners, batch, Now);
            await SaveAsync(db, result, cancellationToken);

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

    /// <summary>Writes what the reconciler added, changed and marked gone, parents before the rows that refer to them.</summary>
    private static async Task SaveAsync(LanyardDbContext db, ReconcileResult result, CancellationToken cancellationToken)
    {
        await BulkTable.InsertAsync(db, result.AddedOwners, cancellationToken);
        await BulkTable.InsertAsync(db, result.AddedIdentities, cancellationToken);
        await BulkTable.UpdateAsync(db, [.. result.ChangedIdentities, .. result.GoneIdentities], cancellationToken);
        await BulkTable.InsertAsync(db, result.AddedCredentials, cancellationToken);
        await BulkTable.UpdateAsync(db, [.. result.ChangedCredentials, .. result.GoneCredentials], cancellationToken);
    }
}
