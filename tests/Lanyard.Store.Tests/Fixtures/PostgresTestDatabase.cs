using Npgsql;

namespace Lanyard.Store.Tests.Fixtures;

/// <summary>
/// A database of its own on the PostgreSQL server that <c>./test.sh</c> starts and names in
/// <c>LANYARD_TEST_POSTGRES</c>. Without that server the tests fail: they are never skipped.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name = $"lanyard_test_{Guid.NewGuid():N}";

    public override StoreDialect Dialect => StoreDialect.Postgres;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("LANYARD_TEST_POSTGRES") is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                "LANYARD_TEST_POSTGRES is not set. Run the tests with ./test.sh, which starts a PostgreSQL server for them.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _name }.ToString();
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
