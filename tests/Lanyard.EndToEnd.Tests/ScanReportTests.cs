using System.Text.Json.Nodes;
using Lanyard.Cli.Http;
using Lanyard.Scanning;
using Lanyard.Server.Tests.Hosting;

namespace Lanyard.EndToEnd.Tests;

/// <summary>A scan reported to a real <c>lanyard serve</c>, then read back through <c>lanyard posture</c>.</summary>
public sealed class ScanReportTests : IAsyncLifetime
{
    private LanyardProcess _lanyard = null!;

    public async Task InitializeAsync() => _lanyard = await LanyardProcess.StartAsync();

    public async Task DisposeAsync() => await _lanyard.DisposeAsync();

    [Fact]
    public async Task A_reported_scan_shows_in_posture_as_hardcoded_secrets_naming_whose_they_are()
    {
        using var http = _lanyard.CreateClient();
        await AwsExport.ImportAsync(http);
        var findings = new SecretScanner().ScanText(
            $"AWS_ACCESS_KEY_ID={AwsExport.AccessKeyId}\nSTRIPE_KEY=sk_live_51Hq8ZtR4mVx2NcP7wLs9KdY3\n", "deploy/prod.env");

        var summary = await new ScanReportClient(new ApiClient(http)).SendAsync("github.com/acme/billing", findings, CancellationToken.None);
        var json = await _lanyard.RunAsync("posture", "--format", "json");
        var table = await _lanyard.RunAsync("posture");

        Assert.Equal(2, summary.Received);
        Assert.Equal(1, json.ExitCode);
        var hardcoded = JsonNode.Parse(json.Stdout)!.AsArray().Where(f => f!["kind"]!.GetValue<string>() == "hardcoded-secret").ToList();
        Assert.Equal(2, hardcoded.Count);
        var linked = Assert.Single(hardcoded, f => f!["identity"] is not null)!;
        Assert.Equal((AwsExport.User, "prod", AwsExport.Owner),
            (linked["identity"]!.GetValue<string>(), linked["environment"]!.GetValue<string>(), linked["owner"]!.GetValue<string>()));
        Assert.Contains("hardcoded-secret", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("github.com/acme/billing deploy/prod.env:2", table.Stdout, StringComparison.Ordinal);
    }
}
