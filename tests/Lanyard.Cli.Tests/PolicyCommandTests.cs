using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

public sealed class PolicyCommandTests(CliHarness harness) : IClassFixture<CliHarness>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-policy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> EnvironmentAsync()
    {
        var name = $"p{Guid.NewGuid():N}"[..12];
        using var admin = harness.Client();
        (await admin.PostAsJsonAsync("/v1/environments", new { name })).EnsureSuccessStatusCode();
        return name;
    }

    private string Write(string text)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Policy_apply_then_show_prints_the_version_in_force_and_its_settings()
    {
        var env = await EnvironmentAsync();
        var file = Write($"environment: {env}\nstale-after: 45d\ncredentials:\n  api-key: {{ allowed: false }}\n");

        var apply = await harness.RunAsync("policy", "apply", file);
        var show = await harness.RunAsync("policy", "show", env);
        var json = await harness.RunAsync("policy", "show", env, "--format", "json");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains($"Applied version 1 of the policy of {env}.", apply.Stdout, StringComparison.Ordinal);
        Assert.Contains("credentials.api-key.allowed", apply.Stdout, StringComparison.Ordinal);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains($"Policy of {env}: version 1", show.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"stale-after\s*│\s*45d", show.Stdout);
        var current = JsonNode.Parse(json.Stdout)!;
        Assert.Equal(1, current["version"]!.GetValue<int>());
        Assert.Equal(File.ReadAllText(file), current["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Policy_apply_of_an_invalid_file_prints_file_line_and_column_of_every_error_and_exits_2()
    {
        var env = await EnvironmentAsync();
        var file = Write($"environment: {env}\nstale-after: -5d\ncredentials:\n  client-secret: {{ max-lifetime: 30d, rotate-after: 60d }}\n  ssh-key: {{}}\n");

        var run = await harness.RunAsync("policy", "apply", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{file}:2:14: stale-after is -5d: a duration cannot be negative", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{file}:4:53: credentials.client-secret.rotate-after (60d) is not shorter than", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{file}:5:3: unknown credential kind 'ssh-key'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was applied", run.Stderr, StringComparison.Ordinal);
        var show = await harness.RunAsync("policy", "show", env);
        Assert.Equal(2, show.ExitCode);
        Assert.Contains("runs on the defaults", show.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_diff_shows_each_change_and_applies_nothing()
    {
        var env = await EnvironmentAsync();
        Assert.Equal(0, (await harness.RunAsync("policy", "apply", Write($"environment: {env}\nstale-after: 45d\n"))).ExitCode);
        var changed = Write($"environment: {env}\nstale-after: 30d\nowner-required: true\n");

        var table = await harness.RunAsync("policy", "diff", changed);
        var json = await harness.RunAsync("policy", "diff", changed, "--format", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"stale-after\s*│\s*45d\s*│\s*30d", table.Stdout);
        var changes = JsonNode.Parse(json.Stdout)!["changes"]!.AsArray();
        Assert.Contains(changes, c => c!["key"]!.GetValue<string>() == "owner-required" && c["after"]!.GetValue<string>() == "true");
        var history = await harness.RunAsync("policy", "history", env, "--format", "json");
        Assert.Single(JsonNode.Parse(history.Stdout)!.AsArray());
    }

    [Fact]
    public async Task Policy_history_lists_every_version_newest_first()
    {
        var env = await EnvironmentAsync();
        await harness.RunAsync("policy", "apply", Write($"environment: {env}\nstale-after: 45d\n"));
        await harness.RunAsync("policy", "apply", Write($"environment: {env}\nstale-after: 30d\n"));

        var json = await harness.RunAsync("policy", "history", env, "--format", "json");
        var table = await harness.RunAsync("policy", "history", env);

        Assert.True(json.ExitCode == 0, json.ToString());
        var versions = JsonNode.Parse(json.Stdout)!.AsArray();
        Assert.Equal([2, 1], versions.Select(v => v!["version"]!.GetValue<int>()));
        Assert.All(versions, v => Assert.Equal("bootstrap-admin", v!["appliedBy"]!.GetValue<string>()));
        Assert.Contains("VERSION", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_apply_of_a_missing_file_exits_2_naming_it()
    {
        var missing = Path.Combine(_folder, "absent.yaml");

        var run = await harness.RunAsync("policy", "apply", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(missing, run.Stderr, StringComparison.Ordinal);
    }
}
