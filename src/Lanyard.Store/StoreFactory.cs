using Lanyard.Store.Postgres;
using Lanyard.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Lanyard.Store;

/// <summary>Opens contexts on the configured database and brings its schema up to date.</summary>
public sealed class StoreFactory : IAsyncDisposable
{
    private readonly StoreOptions _options;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly Func<LanyardDbContext> _create;

    /// <summary>Contexts kept for reuse: building one costs more than most of the queries it runs.</summary>
    private const int PoolSize = 256;

    public StoreFactory(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;

        if (options.Dialect == StoreDialect.Postgres)
        {
            _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
            var pool = new PooledDbContextFactory<PostgresLanyardDbContext>(
                new DbContextOptionsBuilder<PostgresLanyardDbContext>().UseNpgsql(_dataSource).Options, PoolSize);
            _create = pool.CreateDbContext;
        }
        else
        {
            var connection = new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = true };
            var pool = new PooledDbContextFactory<SqliteLanyardDbContext>(
                new DbContextOptionsBuilder<SqliteLanyardDbContext>().UseSqlite(connection.ToString()).Options, PoolSize);
            _create = pool.CreateDbContext;
        }
    }

    public StoreDialect Dialect => _options.Dialect;

    /// <summary>A context from the pool; disposing it hands it back, its state reset.</summary>
    public LanyardDbContext CreateContext() => _create();

    /// <summary>Applies pending migrations; on SQLite also turns on write-ahead logging.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        if (_options.Dialect == StoreDialect.Sqlite)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
