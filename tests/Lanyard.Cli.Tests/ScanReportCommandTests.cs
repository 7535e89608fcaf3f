using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

/// <summary><c>lanyard scan --report</c> through the real command against a real server.</summary>
public sealed class ScanReportCommandTests(CliHarness harness) : IClassFixture<CliHarness>, IDisposable
{
    private readonly SecretFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Scan_with_report_turns_the_findings_into_hardcoded_secret_findings_on_the_server()
    {
        var keyId = files.AwsKeyId();
        files.Write("deploy/settings.ini", $"[aws]\naws_access_key_id = {keyId}\n");
        var source = $"git.example.com/acme/{files.Lower(8)}";

        var run = await harness.RunAsync("scan", files.Folder, "--report", "--source", source, "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"from {source} to the server", run.Stderr, StringComparison.Ordinal);
        using var admin = harness.Client();
        var findings = (await admin.GetFromJsonAsync<JsonArray>("/v1/findings"))!;
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keyId)));
        var reported = Assert.Single(findings, f => f!["fingerprint"]?.GetValue<string>() == fingerprint)!;
        Assert.Equal("hardcoded-secret", reported["kind"]!.GetValue<string>());
        var location = Assert.Single(reported["locations"]!.AsArray())!;
        Assert.Equal(source, location["source"]!.GetValue<string>());
        Assert.Equal("deploy/settings.ini", location["path"]!.GetValue<string>());
        Assert.Equal(2, location["line"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_complete_scan_after_the_secret_is_removed_resolves_its_finding_on_the_server()
    {
        var keyId = files.AwsKeyId();
        files.Write("deploy/settings.ini", $"[aws]\naws_access_key_id = {keyId}\n");
        var source = $"git.example.com/acme/{files.Lower(8)}";
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keyId)));
        using var admin = harness.Client();
        var found = await harness.RunAsync("scan", files.Folder, "--report", "--source", source, "--complete");
        Assert.Equal(1, found.ExitCode);
        Assert.Contains((await admin.GetFromJsonAsync<JsonArray>("/v1/findings"))!, IsTheKey);

        files.Write("deploy/settings.ini", "[aws]\nregion = eu-west-1\n");
        var clean = await harness.RunAsync("scan", files.Folder, "--report", "--source", source, "--complete");

        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("1 place(s) no longer found resolved", clean.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonArray>("/v1/findings"))!, IsTheKey);

        bool IsTheKey(JsonNode? finding) => finding?["fingerprint"]?.GetValue<string>() == fingerprint;
    }

    [Fact]
    public async Task Complete_without_report_is_bad_usage_and_sends_nothing()
    {
        files.Write("app.env", "REGION=eu-west-1\n");

        var run = await harness.RunAsync("scan", files.Folder, "--complete");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--report", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_with_staged_is_bad_usage_since_staged_changes_are_not_the_whole_source()
    {
        var run = await harness.RunAsync("scan", "--staged", "--report", "--complete");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot be --complete", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_without_a_token_is_bad_usage_before_anything_is_scanned()
    {
        files.Write("app.env", $"AWS_ACCESS_KEY_ID={files.AwsKeyId()}\n");

        var run = await LanyardCli.RunAsync(files.Folder, stdin: null, "scan", ".", "--report");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("LANYARD_TOKEN", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("aws-access-key-id", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_without_report_is_bad_usage_and_sends_nothing()
    {
        files.Write("app.env", $"AWS_ACCESS_KEY_ID={files.AwsKeyId()}\n");

        var run = await harness.RunAsync("scan", files.Folder, "--source", "somewhere");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--report", run.Stderr, StringComparison.Ordinal);
    }
}
