using Lanyard.Core.Audit;
using Lanyard.Store.Bulk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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

        var time = ToStoredPrecision(now);
        var (sequence, previousHash) = await LockHeadAsync(db, cancellationToken);
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

        await using (var move = HeadCommand(db, UpdateHeadSql))
        {
            AddParameter(move, "sequence", sequence);
            AddParameter(move, "hash", previousHash);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        // Written at once rather than tracked: the events are final, and inserting them in bulk
        // costs a fraction of what change tracking does. The caller's transaction still holds them.
        await BulkTable.InsertAsync(db, appended, cancellationToken);
        return appended;
    }

    // Plain statements on the context's connection and transaction: every audited write runs
    // these, and EF Core's translation of an update costs more than the update itself.
    private static readonly string LockHeadSql = $"""
        UPDATE audit_head SET "LastSequence" = "LastSequence" WHERE "Id" = {AuditHead.SingletonId}
        RETURNING "LastSequence", "LastHash"
        """;

    private static readonly string UpdateHeadSql = $"""
        UPDATE audit_head SET "LastSequence" = @sequence, "LastHash" = @hash WHERE "Id" = {AuditHead.SingletonId}
        """;

    /// <summary>
    /// Reads the chain's head with an update that changes nothing: the update takes the row's
    /// write lock first, so concurrent appenders wait here instead of both reading the same head
    /// and forking the chain.
    /// </summary>
    private static async Task<(long Sequence, string Hash)> LockHeadAsync(
        LanyardDbContext db, CancellationToken cancellationToken)
    {
        await using var command = HeadCommand(db, LockHeadSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The audit trail's head row is missing; the database was not migrated.");
        }

        return (reader.GetInt64(0), reader.GetString(1));
    }

    private static System.Data.Common.DbCommand HeadCommand(LanyardDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// PostgreSQL keeps microseconds, .NET keeps ticks of 100 ns: the hash must cover the time as
    /// it will be read back, or every event would look changed.
    /// </summary>
    private static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % (TimeSpan.TicksPerMillisecond / 1000), TimeSpan.Zero);
}
