using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Lanyard.Store.Bulk;

/// <summary>
/// Writes many rows of one entity type without change tracking: binary COPY on PostgreSQL,
/// prepared statements on SQLite. The rows go through the context's connection and current
/// transaction, so they commit or roll back with the rest of the change. Tens of thousands of rows
/// land in about a second, where tracked inserts take many.
/// </summary>
public static class BulkTable
{
    /// <summary>Inserts <paramref name="rows"/>; on SQLite in a transaction of its own when none is open.</summary>
    public static async Task<int> InsertAsync<T>(LanyardDbContext db, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);

        var table = TableMap.Of<T>(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return db.Dialect == StoreDialect.Postgres
                ? await PostgresBulk.CopyAsync(Postgres(db), table, rows, cancellationToken)
                : await SqliteBulk.InsertAsync(db, table, rows, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Overwrites every column of the stored rows that share a key with <paramref name="rows"/>.
    /// Runs inside the context's current transaction, which must be open.
    /// </summary>
    public static async Task<int> UpdateAsync<T>(LanyardDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk updates run inside the transaction of the change they belong to.");
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var table = TableMap.Of<T>(db);
        return db.Dialect == StoreDialect.Postgres
            ? await PostgresBulk.UpdateAsync(Postgres(db), table, rows, cancellationToken)
            : await SqliteBulk.UpdateAsync(db, table, rows, cancellationToken);
    }

    private static NpgsqlConnection Postgres(LanyardDbContext db) => (NpgsqlConnection)db.Database.GetDbConnection();

    internal static System.Data.Common.DbTransaction? Transaction(LanyardDbContext db) =>
        db.Database.CurrentTransaction?.GetDbTransaction();
}
