using System.Security.Cryptography;

using Lanyard.Store;
using Lanyard.Store.Inventory;
using Lanyard.Store.Sealing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lanyard.Inventory.Benchmarks;

/// <summary>
/// A fresh, migrated store as the server opens it (a SQLite file, or a database of its own on a
/// PostgreSQL server) with dev, staging and prod created, removed again afterwards.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _sqlitePath;
    private readonly string? _postgresServer;
    private readonly string? _postgresName;

    private BenchDatabase(StoreFactory store, string? sqlitePath, string? postgresServer, string? postgresName)
    {
        Store = store;
        _sqlitePath = sqlitePath;
        _postgresServer = postgresServer;
        _postgresName = postgresName;
        Inventory = new InventoryService(Store, new Sealer(MasterKey.FromBytes(RandomNumberGenerator.GetBytes(MasterKey.SizeInBytes))), TimeProvider.System);
    }

    public StoreFactory Store { get; }

    public InventoryService Inventory { get; }

    public static async Task<BenchDatabase> CreateAsync(
        StoreDialect dialect, string workFolder, string? postgresServer, string purpose, CancellationToken cancellationToken)
    {
        BenchDatabase database;
        if (dialect == StoreDialect.Postgres)
        {
            var server = postgresServer ?? throw new InvalidOperationException("No PostgreSQL server was named.");
            var name = $"lanyard_bench_{purpose}_{Guid.NewGuid():N}"[..40];
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"", cancellationToken);
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
            database = new BenchDatabase(
                new StoreFactory(new StoreOptions { Dialect = dialect, ConnectionString = connection }), null, server, name);
        }
        else
        {
            var path = Path.Combine(workFolder, $"{purpose}.db");
            DeleteSqlite(path);
            database = new BenchDatabase(
                new StoreFactory(new StoreOptions { Dialect = dialect, ConnectionString = $"Data Source={path}" }), path, null, null);
        }

        await database.Store.MigrateAsync(cancellationToken);
        await database.Inventory.EnsureDefaultEnvironmentsAsync(cancellationToken);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            DeleteSqlite(_sqlitePath);
        }

        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_postgresServer, $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    private static void DeleteSqlite(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private static async Task ExecuteAsync(string server, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
