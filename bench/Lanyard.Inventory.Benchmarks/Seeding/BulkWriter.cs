using System.Data.Common;

using Lanyard.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Lanyard.Inventory.Benchmarks.Seeding;

/// <summary>
/// Writes many entities straight into their table, bypassing change tracking: binary COPY on
/// PostgreSQL, one prepared INSERT in one transaction on SQLite. Columns, names and value
/// conversions come from the store's own EF Core model, so the rows are exactly what the store
/// would have written itself.
/// </summary>
internal static class BulkWriter
{
    public static async Task<int> WriteAsync<T>(StoreFactory store, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        await using var db = store.CreateContext();
        var table = TableColumns.Of(db.Model.FindEntityType(typeof(T))
                                    ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the store's model."));

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        return db.Dialect == StoreDialect.Postgres
            ? await CopyAsync((NpgsqlConnection)connection, table, rows, cancellationToken)
            : await InsertAsync(connection, table, rows, cancellationToken);
    }

    private static async Task<int> CopyAsync<T>(
        NpgsqlConnection connection, TableColumns table, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {Quote(table.Name)} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);

        var count = 0;
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in table.Columns)
            {
                if (column.ProviderValue(row) is { } value)
                {
                    await importer.WriteAsync(value, column.StoreType, cancellationToken);
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

    private static async Task<int> InsertAsync<T>(
        DbConnection connection, TableColumns table, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        var parameters = new DbParameter[table.Columns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            var column = table.Columns[i];

            // The store's own type mapping configures the parameter, so values bind as EF binds them.
            parameters[i] = column.Mapping.CreateParameter(command, $"@p{i}", value: null, nullable: column.Nullable);
            command.Parameters.Add(parameters[i]);
        }

        command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) "
                              + $"VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))})";
        await command.PrepareAsync(cancellationToken);

        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = table.Columns[i].ProviderValue(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static string Quote(string name) => $"\"{name}\"";

    /// <summary>A table's columns as the model maps them.</summary>
    private sealed record TableColumns(string Name, IReadOnlyList<Column> Columns)
    {
        public static TableColumns Of(IEntityType entity)
        {
            var name = entity.GetTableName() ?? throw new InvalidOperationException($"{entity.DisplayName()} has no table.");
            var table = StoreObjectIdentifier.Table(name, entity.GetSchema());
            var columns = entity.GetProperties()
                .Select(p => new Column(p.GetColumnName(table) ?? p.Name, p, p.GetRelationalTypeMapping()))
                .ToList();
            return new TableColumns(name, columns);
        }
    }

    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping)
    {
        public bool Nullable => Property.IsNullable;

        /// <summary>The column's type without its length, as PostgreSQL names it to COPY.</summary>
        public string StoreType { get; } = StripFacets(Mapping.StoreType);

        public object? ProviderValue(object entity)
        {
            var value = Property.GetGetter().GetClrValueUsingContainingEntity(entity);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }

        private static string StripFacets(string storeType)
        {
            var open = storeType.IndexOf('(', StringComparison.Ordinal);
            return open < 0 ? storeType : storeType[..open].TrimEnd();
        }
    }
}
