using Lanyard.Store.Postgres;
using Lanyard.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Lanyard.Store;

/// <summary>Opens contexts on the configured database and brings its schema up to date.</summary>
public sealed class StoreFactory : IAsyncDisposable
{
    private readonly StoreOptions _options;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly DbContextOptions _contextOptions;

    public StoreFactory(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;

        if (options.Dialect == StoreDialect.Postgres)
        {
            _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
            _contextOptions = new DbContextOptionsBuilder<PostgresLanyardDbContext>()
                .UseNpgsql(_dataSource).Options;
        }
        else
        {
            var connection = new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = true };
            _contextOptions = new DbContextOptionsBuilder<SqliteLanyardDbContext>()
                .UseSqlite(connection.ToString()).Options;
        }
    }

    public StoreDialect Dialect => _options.Dialect;

    public LanyardDbContext CreateContext() => _options.Dialect == StoreDialect.Postgres
        ? new PostgresLanyardDbContext((DbContextOptions<PostgresLanyardDbContext>)_contextOptions)
        : new SqliteLanyardDbContext((DbContextOptions<SqliteLanyardDbContext>)_contextOptions);

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
