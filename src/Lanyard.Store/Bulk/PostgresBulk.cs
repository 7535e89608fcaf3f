using Npgsql;

namespace Lanyard.Store.Bulk;

/// <summary>Binary COPY into the table, or into a temporary table that one UPDATE then applies.</summary>
internal static class PostgresBulk
{
    public static async Task<int> CopyAsync<T>(
        NpgsqlConnection connection, TableMap table, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class =>
        await CopyAsync(connection, table, table.QuotedName, rows, cancellationToken);

    public static async Task<int> UpdateAsync<T>(
        NpgsqlConnection connection, TableMap table, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var staging = TableMap.Quote($"bulk_{table.Name}");
        await ExecuteAsync(connection, $"CREATE TEMP TABLE {staging} (LIKE {table.QuotedName}) ON COMMIT DROP", cancellationToken);
        await CopyAsync(connection, table, staging, rows, cancellationToken);

        var key = TableMap.Quote(table.Key.Name);
        var assignments = string.Join(", ", table.NonKeyColumns.Select(c => $"{TableMap.Quote(c.Name)} = s.{TableMap.Quote(c.Name)}"));
        var updated = await ExecuteAsync(
            connection,
            $"UPDATE {table.QuotedName} AS t SET {assignments} FROM {staging} AS s WHERE t.{key} = s.{key}",
            cancellationToken);

        // Dropped now rather than at commit, so a second update of the same table can stage again.
        await ExecuteAsync(connection, $"DROP TABLE {staging}", cancellationToken);
        return updated;
    }

    private static async Task<int> CopyAsync<T>(
        NpgsqlConnection connection, TableMap table, string target, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {target} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);

        var count = 0;
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in table.Columns)
            {
                if (column.ProviderValue(row) is { } value)
                {
                    await importer.WriteAsync(value, column.StoreTypeName, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }

            count++;
        }

        await importer.CompleteAsync(cancellationToken);
        return count;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
