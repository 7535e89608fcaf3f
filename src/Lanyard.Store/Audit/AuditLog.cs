using Lanyard.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Audit;

/// <summary>Appends to the hash-chained audit trail inside the caller's transaction.</summary>
internal static class AuditLog
{
    /// <summary>
    /// Adds the next event to <paramref name="db"/>. The caller saves and commits, so the event and
    /// the change it records land together or not at all.
    /// </summary>
    public static async Task<AuditEvent> AppendAsync(
        LanyardDbContext db, AuditEntry entry, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await AppendAsync(db, [entry], now, cancellationToken))[0];

    /// <summary>
    /// Adds <paramref name="entries"/> to <paramref name="db"/> as consecutive events, in order,
    /// reading and moving the chain's head once for all of them.
    /// </summary>
    public static async Task<IReadOnlyList<AuditEvent>> AppendAsync(
        LanyardDbContext db, IReadOnlyList<AuditEntry> entries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit events are appended inside the transaction of the change they record.");
        }

        // Touching the head row first takes its write lock: concurrent appenders wait here
        // instead of both reading the same head and forking the chain.
        await db.AuditHeads.Where(h => h.Id == AuditHead.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence), cancellationToken);
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == AuditHead.SingletonId, cancellationToken);

        var time = ToStoredPrecision(now);
        var (sequence, previousHash) = (head.LastSequence, head.LastHash);
        var appended = new AuditEvent[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var auditEvent = new AuditEvent
            {
                Sequence = ++sequence,
                Time = time,
                Actor = entry.Actor.Name,
                Action = entry.Action,
                Target = entry.Target,
                Outcome = entry.Outcome,
                Detail = entry.SerializeDetail(),
                PreviousHash = previousHash,
                Hash = string.Empty,
            };
            auditEvent.Hash = AuditChain.ComputeHash(auditEvent);
            previousHash = auditEvent.Hash;
            appended[i] = auditEvent;
        }

        await db.AuditHeads.Where(h => h.Id == AuditHead.SingletonId).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.LastSequence, sequence)
            .SetProperty(h => h.LastHash, previousHash), cancellationToken);
        db.AuditEvents.AddRange(appended);
        return appended;
    }

    /// <summary>
    /// PostgreSQL keeps microseconds, .NET keeps ticks of 100 ns: the hash must cover the time as
    /// it will be read back, or every event would look changed.
    /// </summary>
    private static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % (TimeSpan.TicksPerMillisecond / 1000), TimeSpan.Zero);
}
