using Lanyard.Core;
using Lanyard.Store.Audit;
using Lanyard.Store.Sealing;

namespace Lanyard.Store.Inventory;

/// <summary>
/// Every read and write of the inventory. Each write runs in one transaction together with the
/// audit event that records it.
/// </summary>
/// <param name="store">The database.</param>
/// <param name="sealer">Seals secrets at rest.</param>
/// <param name="time">The clock.</param>
/// <param name="commits">
/// Group commit for records of attempts that changed nothing; without it each is committed alone.
/// </param>
public sealed partial class InventoryService(StoreFactory store, Sealer sealer, TimeProvider time, AuditCommitter? commits = null)
{
    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Runs <paramref name="change"/> and, when it succeeds, appends its audit event and commits both.</summary>
    private Task<Result<T>> WriteAsync<T>(
        Func<LanyardDbContext, Task<Result<(T Value, AuditEntry Audit)>>> change, CancellationToken cancellationToken) =>
        AuditedWrite.RunAsync(store, time, change, cancellationToken);

    /// <summary>Records an attempt that changed nothing, such as a refused request.</summary>
    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        commits is null
            ? AuditedWrite.RecordAsync(store, time, entry, cancellationToken)
            : commits.RecordAsync(entry, cancellationToken: cancellationToken);

    private static int ClampLimit(int limit) => Math.Clamp(limit, 1, ListQuery.MaxLimit);
}
