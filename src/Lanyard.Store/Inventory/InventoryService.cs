using Lanyard.Core;
using Lanyard.Store.Audit;
using Lanyard.Store.Sealing;

namespace Lanyard.Store.Inventory;

/// <summary>
/// Every read and write of the inventory. Each write runs in one transaction together with the
/// audit event that records it.
/// </summary>
public sealed partial class InventoryService(StoreFactory store, Sealer sealer, TimeProvider time)
{
    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Runs <paramref name="change"/> and, when it succeeds, appends its audit event and commits both.</summary>
    private async Task<Result<T>> WriteAsync<T>(
        Func<LanyardDbContext, Task<Result<(T Value, AuditEntry Audit)>>> change, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var outcome = await change(db);
        if (!outcome.Succeeded)
        {
            return outcome.Problem!;
        }

        var (value, audit) = outcome.Value;
        await AuditLog.AppendAsync(db, audit, Now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return value;
    }

    /// <summary>Records an attempt that changed nothing, such as a refused request.</summary>
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditLog.AppendAsync(db, entry, Now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static int ClampLimit(int limit) => Math.Clamp(limit, 1, ListQuery.MaxLimit);
}
