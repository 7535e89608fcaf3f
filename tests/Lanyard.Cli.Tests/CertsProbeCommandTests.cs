using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

public sealed class CertsProbeCommandTests(CliHarness harness) : IClassFixture<CliHarness>
{
    private string Target => $"127.0.0.1:{harness.Address.Port}";

    [Fact]
    public async Task Probing_the_server_with_its_ca_finds_nothing_wrong_and_exits_0()
    {
        var run = await harness.RunAsync("certs", "probe", Target, "--servername", "localhost",
            "--ca", Path.Combine(harness.DataFolder, "ca.pem"), "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = JsonNode.Parse(run.Stdout)![0]!;
        Assert.Equal("EC", result["keyAlgorithm"]!.GetValue<string>());
        Assert.Contains("localhost", result["dnsNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(result["problems"]!.AsArray());
    }

    [Fact]
    public async Task Probing_without_trusting_the_ca_reports_an_untrusted_issuer_and_exits_1()
    {
        var run = await harness.RunAsync("certs", "probe", Target, "--servername", "localhost");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("untrusted-issuer", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_without_a_port_exits_2_naming_it()
    {
        var run = await harness.RunAsync("certs", "probe", "example.com");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'example.com' is not HOST:PORT", run.Stderr, StringComparison.Ordinal);
    }
}
