using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Lanyard.EndToEnd.Tests;

/// <summary>What the first start creates, what later starts reuse, and what never reaches the disk in the clear.</summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task First_start_creates_an_owner_only_master_key_and_a_ca_and_a_restart_reuses_them()
    {
        await using var first = await LanyardProcess.StartAsync();
        var keyPath = Path.Combine(first.DataFolder, "master.key");
        var key = await File.ReadAllBytesAsync(keyPath);
        var ca = await File.ReadAllTextAsync(first.CaPath);
        await first.StopAsync();

        await using var second = await LanyardProcess.StartAsync(first.DataFolder);
        using var client = second.CreateClient(first.Token);

        Assert.Equal(32, key.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        Assert.Equal(key, await File.ReadAllBytesAsync(keyPath));
        Assert.Equal(ca, await File.ReadAllTextAsync(second.CaPath));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/environments")).StatusCode);
    }

    [Fact]
    public async Task Known_secrets_written_through_the_api_never_appear_in_the_raw_database_files()
    {
        await using var lanyard = await LanyardProcess.StartAsync();
        using var client = lanyard.CreateClient();
        var identity = await (await client.PostAsJsonAsync("/v1/identities", new { name = "billing-api", environment = "prod" }))
            .Content.ReadFromJsonAsync<JsonNode>();
        string[] secrets = ["Known-Secret-One-8d1f0c7e2b", "Known-Secret-Two-41aa93c5d0"];
        foreach (var secret in secrets)
        {
            var created = await client.PostAsJsonAsync("/v1/credentials",
                new { identity = identity!["id"]!.GetValue<string>(), name = "db password", kind = "secret", secret });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await lanyard.StopAsync();

        var raw = Directory.EnumerateFiles(lanyard.DataFolder, "lanyard.db*").SelectMany(File.ReadAllBytes).ToArray();
        Assert.True(raw.Length > 0);
        foreach (var needle in secrets.Append(lanyard.Token))
        {
            Assert.Equal(-1, raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)));
        }

        Assert.Equal(-1, raw.AsSpan().IndexOf("PRIVATE KEY"u8));
    }

    [Fact]
    public async Task Audit_verify_passes_then_fails_naming_the_event_edited_in_sqlite()
    {
        await using var lanyard = await LanyardProcess.StartAsync();
        Assert.Equal(0, (await lanyard.RunAsync("owner", "create", "team-a", "--contact", "a@example.com")).ExitCode);
        Assert.Equal(0, (await lanyard.RunAsync("owner", "create", "team-b")).ExitCode);

        var intact = await lanyard.RunAsync("audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.ToString());

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(lanyard.DataFolder, "lanyard.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit_events SET Detail = '{\"name\":\"team-z\"}' WHERE Action = 'owner.create' AND Detail LIKE '%team-b%'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var broken = await lanyard.RunAsync("audit", "verify");
        var events = JsonNode.Parse((await lanyard.RunAsync("audit", "list", "--format", "json")).Stdout)!.AsArray();
        var edited = events.Single(e => e!["detail"]?.GetValue<string>()?.Contains("team-z", StringComparison.Ordinal) == true)!;
        Assert.True(broken.ExitCode == 1, broken.ToString());
        Assert.Contains($"event {edited["sequence"]}", broken.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_are_refused_and_the_refusal_is_audited()
    {
        await using var lanyard = await LanyardProcess.StartAsync();
        using var stranger = lanyard.CreateClient("lnyt_not-a-real-token");

        var refused = await stranger.GetAsync("/v1/identities");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var audit = JsonNode.Parse((await lanyard.RunAsync("audit", "list", "--format", "json")).Stdout)!.AsArray();
        Assert.Contains(audit, e => e!["action"]!.GetValue<string>() == "auth.login" && e["outcome"]!.GetValue<string>() == "refused");
        Assert.DoesNotContain("lnyt_not-a-real-token", audit.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_metrics_and_the_openapi_document_are_served()
    {
        await using var lanyard = await LanyardProcess.StartAsync();
        using var client = lanyard.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Contains("http_requests_received_total", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
        var openApi = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        Assert.NotNull(openApi["paths"]!["/v1/identities"]);
    }
}
