using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

/// <summary>Baselines by fingerprint: write, use, and report entries that no longer match.</summary>
public sealed class ScanBaselineTests : IDisposable
{
    private readonly SecretFiles files = new();

    public void Dispose() => files.Dispose();

    private Task<CliRun> Scan(params string[] args) => LanyardCli.RunAsync(files.Folder, null, ["scan", .. args]);

    [Fact]
    public async Task A_written_baseline_silences_known_secrets_but_not_a_new_one_on_the_same_line()
    {
        var known = files.AwsKeyId();
        files.Write("app/settings.ini", $"aws_access_key_id = {known}\n");

        var write = await Scan("app", "--write-baseline", "baseline.json");
        var quiet = await Scan("app", "--baseline", "baseline.json");
        files.Write("app/settings.ini", $"# moved down\n\naws_access_key_id = {known}\n");
        var moved = await Scan("app", "--baseline", "baseline.json");
        var fresh = files.AwsKeyId();
        files.Write("app/settings.ini", $"# moved down\n\naws_access_key_id = {fresh}\n");
        var replaced = await Scan("app", "--baseline", "baseline.json", "--format", "json");

        Assert.True(write.ExitCode == 0, write.ToString());
        var entries = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(files.Folder, "baseline.json")))!["entries"]!.AsArray();
        Assert.Equal("settings.ini", Assert.Single(entries)!["path"]!.GetValue<string>());
        Assert.True(quiet.ExitCode == 0 && quiet.Stderr.Contains("1 left out by the baseline", StringComparison.Ordinal), quiet.ToString());
        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.True(replaced.ExitCode == 1, replaced.ToString());
        Assert.Equal(3, JsonNode.Parse(replaced.Stdout)!["findings"]![0]!["line"]!.GetValue<int>());
    }

    [Fact]
    public async Task Report_unused_lists_entries_that_matched_nothing_and_exits_1()
    {
        var removed = files.AwsKeyId();
        files.Write("a.ini", $"aws_access_key_id = {removed}\n");
        await Scan(".", "--write-baseline", "baseline.json");
        files.Write("a.ini", "aws_access_key_id = from-vault\n");

        var plain = await Scan(".", "--baseline", "baseline.json");
        var report = await Scan(".", "--baseline", "baseline.json", "--report-unused", "--format", "json");

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.True(report.ExitCode == 1, report.ToString());
        Assert.Contains("1 baseline entry(ies) matched nothing", report.Stderr, StringComparison.Ordinal);
        var unused = Assert.Single(JsonNode.Parse(report.Stdout)!["unusedBaselineEntries"]!.AsArray())!;
        Assert.Equal("a.ini", unused["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rewriting_a_baseline_keeps_matched_entries_and_drops_stale_ones()
    {
        var kept = files.AwsKeyId();
        var dropped = files.AwsKeyId();
        files.Write("a.ini", $"aws_access_key_id = {kept}\n");
        files.Write("b.ini", $"aws_access_key_id = {dropped}\n");
        await Scan(".", "--write-baseline", "baseline.json");
        File.Delete(Path.Combine(files.Folder, "b.ini"));
        files.Write("c.ini", $"aws_access_key_id = {files.AwsKeyId()}\n");

        var rewrite = await Scan(".", "--baseline", "baseline.json", "--write-baseline", "baseline.json");

        Assert.True(rewrite.ExitCode == 0, rewrite.ToString());
        var paths = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(files.Folder, "baseline.json")))!["entries"]!
            .AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Equal(["a.ini", "c.ini"], paths);
    }

    [Fact]
    public async Task A_broken_baseline_is_bad_input()
    {
        files.Write("baseline.json", "{\"entries\": [\n  {\"rule\": 1,\n");

        var run = await Scan(".", "--baseline", "baseline.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("baseline.json", run.Stderr, StringComparison.Ordinal);
    }
}
