using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Lanyard.EndToEnd.Tests;

/// <summary>
/// The lifecycle worker is killed with SIGKILL in the middle of a rotation sweep; after a restart
/// every due credential has exactly one successor and no predecessor is accepted any longer.
/// </summary>
public sealed class RotationCrashTests
{
    private const int KeyCount = 300;
    private static readonly Dictionary<string, string> FastSweeps = new() { ["LANYARD_LIFECYCLE_INTERVAL"] = "1s" };

    [Fact]
    public async Task A_server_killed_during_a_rotation_sweep_rotates_every_due_key_exactly_once_after_restart()
    {
        var keys = new List<string>();
        await using var seeding = await LanyardProcess.StartAsync();
        var dataFolder = seeding.DataFolder;
        using (var client = seeding.CreateClient())
        {
            var identity = await (await client.PostAsJsonAsync("/v1/identities", new { name = "batch-worker", environment = "prod" }))
                .Content.ReadFromJsonAsync<JsonNode>();
            var path = $"/v1/identities/{identity!["id"]!.GetValue<string>()}/apikeys";
            for (var i = 0; i < KeyCount; i++)
            {
                var issued = await client.PostAsJsonAsync(path, new { ttl = "30d" });
                Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
                keys.Add((await issued.Content.ReadFromJsonAsync<JsonNode>())!["key"]!.GetValue<string>());
            }

        }

        await seeding.StopAsync();
        SqliteConnection.ClearAllPools();

        // Rotate after one day with no overlap, and make every key two days old; no expiry notices.
        await ExecuteAsync(dataFolder,
            "UPDATE environments SET RotateAfterDays = 1, RotationOverlapHours = 0, RenewalWindowDays = 0 WHERE Name = 'prod'");
        Assert.Equal(KeyCount, await ExecuteAsync(dataFolder,
            $"UPDATE credentials SET CreatedAt = CreatedAt - {TimeSpan.FromDays(2).Ticks} WHERE Kind = 'ApiKey'"));

        await using var interrupted = await LanyardProcess.StartAsync(dataFolder, FastSweeps, waitUntilReady: false);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await CountSuccessorsAsync(dataFolder) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        await interrupted.StopAsync();
        var successorsAtKill = await CountSuccessorsAsync(dataFolder);

        Assert.InRange(successorsAtKill, 1, KeyCount - 1);

        await using var restarted = await LanyardProcess.StartAsync(dataFolder, FastSweeps);
        var caughtUp = DateTime.UtcNow.AddSeconds(60);
        while (await CountSuccessorsAsync(dataFolder) < KeyCount && DateTime.UtcNow < caughtUp)
        {
            await Task.Delay(100);
        }

        Assert.Equal(KeyCount, await CountSuccessorsAsync(dataFolder));
        Assert.Equal(0L, await ScalarAsync(dataFolder,
            "SELECT COUNT(*) FROM (SELECT RotatedFromId FROM credentials WHERE RotatedFromId IS NOT NULL GROUP BY RotatedFromId HAVING COUNT(*) > 1)"));
        Assert.Equal(0L, await ScalarAsync(dataFolder, """
            SELECT COUNT(*) FROM credentials p
            WHERE p.Kind = 'ApiKey' AND p.RotatedFromId IS NULL
              AND (p.SupersededById IS NULL OR p.State <> 'Revoked'
                   OR NOT EXISTS (SELECT 1 FROM credentials s WHERE s.RotatedFromId = p.Id AND s.Id = p.SupersededById))
            """));
        Assert.Equal((long)KeyCount, await ScalarAsync(dataFolder,
            "SELECT COUNT(*) FROM credentials WHERE RotatedFromId IS NOT NULL AND State = 'Active' AND SupersededById IS NULL"));
        Assert.Equal((long)KeyCount, await ScalarAsync(dataFolder,
            "SELECT COUNT(*) FROM audit_events WHERE Action = 'credential.rotate'"));

        foreach (var key in new[] { keys[0], keys[KeyCount / 2], keys[^1] })
        {
            using var predecessor = restarted.CreateClient(key);
            Assert.Equal(HttpStatusCode.Unauthorized, (await predecessor.GetAsync("/v1/whoami")).StatusCode);
        }
    }

    private static Task<long> CountSuccessorsAsync(string dataFolder) =>
        ScalarAsync(dataFolder, "SELECT COUNT(*) FROM credentials WHERE RotatedFromId IS NOT NULL");

    private static async Task<long> ScalarAsync(string dataFolder, string sql)
    {
        try
        {
            await using var connection = await OpenAsync(dataFolder);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is 1 or 5 or 6)
        {
            // The server has not created its tables yet, or holds a lock this instant.
            return 0;
        }
    }

    private static async Task<int> ExecuteAsync(string dataFolder, string sql)
    {
        await using var connection = await OpenAsync(dataFolder);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<SqliteConnection> OpenAsync(string dataFolder)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "lanyard.db")};Pooling=False;Default Timeout=5");
        await connection.OpenAsync();
        return connection;
    }
}
