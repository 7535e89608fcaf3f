using Lanyard.Core;

namespace Lanyard.Store.Audit;

/// <summary>
/// One change and the audit event that records it, in one transaction: when the change is
/// refused nothing is written; when it succeeds both land together.
/// </summary>
internal static class AuditedWrite
{
    public static async Task<Result<T>> RunAsync<T>(
        StoreFactory store, TimeProvider time,
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
        await AuditLog.AppendAsync(db, audit, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return value;
    }

    /// <summary>Records an attempt that changed nothing, such as a refused request.</summary>
    public static async Task RecordAsync(StoreFactory store, TimeProvider time, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditLog.AppendAsync(db, entry, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
