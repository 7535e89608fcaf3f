using Lanyard.Store.Sealing;
using Microsoft.Extensions.Time.Testing;

namespace Lanyard.Store.Tests.Fixtures;

/// <summary>A fresh, migrated database of one dialect for one test, removed afterwards.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public static readonly byte[] MasterKeyBytes = Enumerable.Range(1, MasterKey.SizeInBytes).Select(i => (byte)i).ToArray();

    public StoreFactory Store { get; private set; } = null!;

    /// <summary>Starts at a time with sub-microsecond ticks, finer than PostgreSQL stores.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_567));

    public Sealer Sealer { get; } = new(MasterKey.FromBytes(MasterKeyBytes));

    public abstract StoreDialect Dialect { get; }

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        var connection = await CreateDatabaseAsync();
        Store = new StoreFactory(new StoreOptions { Dialect = Dialect, ConnectionString = connection });
        await Store.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }
}
