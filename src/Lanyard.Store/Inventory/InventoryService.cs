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
    private Task<Result<T>> WriteAsync<T>(
        Func<LanyardDbContext, Task<Result<(T Value, AuditEntry Audit)>>> change, CancellationToken cancellationToken) =>
        AuditedWrite.RunAsync(store, time, change, cancellationToken);

    /// <summary>Records an attempt that changed nothing, such as a refused request.</summary>
    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        AuditedWrite.RecordAsync(store, time, entry, cancellationToken);

    private static int ClampLimit(int limit) => Math.Clamp(limit, 1, ListQuery.MaxLimit);
}
