using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

/// <summary>.lanyard-scan.yaml found in the scanned folder or named by --config.</summary>
public sealed class ScanConfigurationTests : IDisposable
{
    private const string AcmeRule = """
        rules:
          - id: acme-api-key
            description: ACME internal API key
            pattern: 'acme_(?<secret>[a-z0-9]{32})'
            keywords: [acme_]
            confidence: high
        """;

    private readonly SecretFiles files = new();

    public void Dispose() => files.Dispose();

    private Task<CliRun> Scan(params string[] args) => LanyardCli.RunAsync(files.Folder, null, ["scan", .. args]);

    [Fact]
    public async Task A_custom_rule_in_the_scanned_folder_finds_its_secret()
    {
        files.Write("repo/.lanyard-scan.yaml", AcmeRule);
        files.Write("repo/client.py", $"client = Acme(token=\"acme_{files.Lower(32)}\")\n");

        var run = await Scan("repo", "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var finding = Assert.Single(JsonNode.Parse(run.Stdout)!["findings"]!.AsArray())!;
        Assert.Equal("acme-api-key", finding["rule"]!.GetValue<string>());
        Assert.Equal("high", finding["confidence"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_config_named_with_the_option_applies_and_list_rules_shows_its_rules()
    {
        files.Write("ci/scan.yaml", AcmeRule + "\ndisabledRules: [generic-password]\n");

        var run = await Scan("--config", "ci/scan.yaml", "--list-rules", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var ids = JsonNode.Parse(run.Stdout)!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("acme-api-key", ids);
        Assert.Contains("aws-access-key-id", ids);
        Assert.DoesNotContain("generic-password", ids);
    }

    [Fact]
    public async Task Paths_excluded_by_the_config_are_not_scanned()
    {
        files.Write(".lanyard-scan.yaml", "excludePaths: [\"fixtures/\"]\n");
        files.Write("fixtures/keys.ini", $"aws_access_key_id = {files.AwsKeyId()}\n");

        var run = await Scan(".");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task A_broken_config_names_file_line_and_column_and_exits_2()
    {
        files.Write(".lanyard-scan.yaml", "rules:\n  - id: acme\n    patern: 'acme_[a-z]+'\n    keywords: [acme_]\n");
        files.Write("client.py", $"KEY = \"{files.AwsKeyId()}\"\n");

        var run = await Scan(".");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(".lanyard-scan.yaml:3:5: unknown key 'patern'", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task A_bad_pattern_and_a_duplicate_rule_id_are_refused_with_their_lines()
    {
        files.Write("bad-regex.yaml", "rules:\n  - id: acme\n    pattern: 'acme_([a-z]+'\n    keywords: [acme_]\n");
        files.Write("twice.yaml", "rules:\n  - id: acme\n    pattern: a\n    keywords: [a]\n  - id: acme\n    pattern: b\n    keywords: [b]\n");

        var regex = await Scan(".", "--config", "bad-regex.yaml");
        var twice = await Scan(".", "--config", "twice.yaml");

        Assert.True(regex.ExitCode == 2 && regex.Stderr.Contains("bad-regex.yaml:3:14:", StringComparison.Ordinal), regex.ToString());
        Assert.True(twice.ExitCode == 2 && twice.Stderr.Contains("twice.yaml:5:5: rule id 'acme' is defined twice", StringComparison.Ordinal),
            twice.ToString());
    }
}
