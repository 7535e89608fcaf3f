using Microsoft.Data.Sqlite;

namespace Lanyard.Store.Tests.Fixtures;

public sealed class SqliteTestDatabase : TestDatabase
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lanyard-test-{Guid.NewGuid():N}.db");

    public override StoreDialect Dialect => StoreDialect.Sqlite;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult($"Data Source={Path}");

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }

        return Task.CompletedTask;
    }
}
