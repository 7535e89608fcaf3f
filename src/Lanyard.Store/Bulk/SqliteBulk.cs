using System.Data.Common;

using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Bulk;

/// <summary>One prepared statement executed once a row; in-process SQLite makes that the fastest way.</summary>
internal static class SqliteBulk
{
    public static async Task<int> InsertAsync<T>(
        LanyardDbContext db, TableMap table, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var columns = table.Columns;
        var values = string.Join(", ", columns.Select((_, i) => $"@p{i}"));
        return await ExecuteAsync(db, $"INSERT INTO {table.QuotedName} ({table.ColumnList}) VALUES ({values})", columns,
            rows, cancellationToken);
    }

    public static async Task<int> UpdateAsync<T>(
        LanyardDbContext db, TableMap table, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        // The key is the last parameter, after the columns it sets.
        var columns = table.NonKeyColumns.Append(table.Key).ToList();
        var assignments = string.Join(", ", columns.SkipLast(1).Select((c, i) => $"{TableMap.Quote(c.Name)} = @p{i}"));
        var sql = $"UPDATE {table.QuotedName} SET {assignments} WHERE {TableMap.Quote(table.Key.Name)} = @p{columns.Count - 1}";
        return await ExecuteAsync(db, sql, columns, rows, cancellationToken);
    }

    private static async Task<int> ExecuteAsync<T>(
        LanyardDbContext db, string sql, IReadOnlyList<ColumnMap> columns, IEnumerable<T> rows,
        CancellationToken cancellationToken)
        where T : class
    {
        var connection = db.Database.GetDbConnection();
        var transaction = BulkTable.Transaction(db);
        await using var own = transaction is null ? await connection.BeginTransactionAsync(cancellationToken) : null;

        await using var command = connection.CreateCommand();
        command.Transaction = transaction ?? own;
        command.CommandText = sql;

        // The store's own type mappings configure the parameters, so values bind as EF Core binds them.
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = columns[i].Mapping.CreateParameter(command, $"@p{i}", value: null, nullable: columns[i].Nullable);
            command.Parameters.Add(parameters[i]);
        }

        await command.PrepareAsync(cancellationToken);
        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = columns[i].ProviderValue(row) ?? DBNull.Value;
            }

            count += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return count;
    }
}
