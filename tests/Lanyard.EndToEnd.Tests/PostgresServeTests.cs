using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Lanyard.EndToEnd.Tests;

/// <summary>The same server on PostgreSQL, started the way an operator would: LANYARD_DB and LANYARD_CONNECTION.</summary>
public sealed class PostgresServeTests
{
    [Fact]
    public async Task Serve_on_postgres_migrates_imports_and_reports_posture()
    {
        var server = Environment.GetEnvironmentVariable("LANYARD_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException("LANYARD_TEST_POSTGRES is not set; run the tests with ./test.sh.");
        var database = $"lanyard_e2e_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();

        try
        {
            await using var lanyard = await LanyardProcess.StartAsync(extraEnvironment: new Dictionary<string, string>
            {
                ["LANYARD_DB"] = "postgres",
                ["LANYARD_CONNECTION"] = connection,
            });

            var import = await lanyard.RunAsync("import", "kubernetes",
                Path.Combine(CasesFolder.Inventory, "prod", "kubernetes", "serviceaccounts-secrets.json"), "--env", "prod");
            Assert.True(import.ExitCode == 0, import.ToString());

            using var client = lanyard.CreateClient();
            var findings = await client.GetFromJsonAsync<JsonArray>("/v1/findings?environment=prod&asOf=2026-11-15T00:00:00Z");
            Assert.Contains(findings!, f => f!["kind"]!.GetValue<string>() == "orphaned" && f["identity"]!.GetValue<string>() == "ci/deploy-bot");
            Assert.Equal(0, (await lanyard.RunAsync("audit", "verify")).ExitCode);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
