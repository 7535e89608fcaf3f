using System.Collections.Concurrent;
using Lanyard.Core;
using Lanyard.Core.Posture;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Dashboard;

/// <summary>A result the dashboard shows and the time it was computed.</summary>
public sealed record Snapshot<T>(T Value, DateTimeOffset At);

/// <summary>
/// Posture and the audit chain check as the dashboard shows them. Each reads the whole inventory or
/// trail, so a result is shared by every page and viewer for <see cref="Freshness"/>, computed once
/// however many ask at the same moment, and dropped at once when the dashboard itself changes
/// something. Pages show when their snapshot was taken.
/// </summary>
public sealed class DashboardSnapshots(InventoryService inventory, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Lazy<Task<Computed>>> slots = new(StringComparer.Ordinal);

    /// <summary>The findings of one environment (null: all), as of at most <see cref="Freshness"/> ago.</summary>
    public Task<Snapshot<Result<IReadOnlyList<Finding>>>> PostureAsync(string? environment, CancellationToken cancellationToken) =>
        GetAsync("posture:" + environment, async () =>
        {
            var findings = await inventory.PostureAsync(environment, null, CancellationToken.None);
            return (findings, findings.Succeeded);
        }, cancellationToken);

    /// <summary>Whether the audit chain verifies, as of at most <see cref="Freshness"/> ago.</summary>
    public Task<Snapshot<AuditVerification>> AuditAsync(CancellationToken cancellationToken) =>
        GetAsync("audit", async () => (await inventory.VerifyAuditAsync(CancellationToken.None), true), cancellationToken);

    /// <summary>Forgets every snapshot, after a change made from the dashboard.</summary>
    public void Invalidate() => slots.Clear();

    private async Task<Snapshot<T>> GetAsync<T>(string key, Func<Task<(T Value, bool Keep)>> compute, CancellationToken cancellationToken)
    {
        while (true)
        {
            // The computation runs without the first caller's cancellation, since later callers share it.
            var slot = slots.GetOrAdd(key, _ => new Lazy<Task<Computed>>(async () =>
            {
                var (value, keep) = await compute();
                return new Computed(value!, time.GetUtcNow(), keep);
            }));

            Computed computed;
            try
            {
                computed = await slot.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (slot.Value.IsFaulted)
            {
                slots.TryRemove(KeyValuePair.Create(key, slot));
                throw;
            }

            // A result that must not be kept (an unknown environment, say) is dropped once read,
            // so made-up filters cannot fill the memory.
            var stale = time.GetUtcNow() - computed.At > Freshness;
            if (stale || !computed.Keep)
            {
                slots.TryRemove(KeyValuePair.Create(key, slot));
            }

            if (!stale)
            {
                return new Snapshot<T>((T)computed.Value, computed.At);
            }
        }
    }

    private sealed record Computed(object Value, DateTimeOffset At, bool Keep);
}
