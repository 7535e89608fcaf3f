using Lanyard.Scanning.Configuration;

namespace Lanyard.Scanning.Tests.Configuration;

/// <summary>.lanyard-scan.yaml: what it adds to a scan, and how it refuses a broken file.</summary>
public sealed class ScanConfigurationTests
{
    private const string AcmeRule = """
        rules:
          - id: acme-api-key
            description: ACME internal API key
            pattern: 'acme_(?<secret>[a-z0-9]{32})'
            keywords: [acme_]
            minEntropy: 3.5
            confidence: high
        """;

    private readonly TestTokens tokens = new();

    private static ScanConfiguration Parse(string yaml) =>
        ScanConfigurationReader.Read(new StringReader(yaml), ".lanyard-scan.yaml");

    private static ScanConfigurationException Refused(string yaml) =>
        Assert.Throws<ScanConfigurationException>(() => Parse(yaml));

    [Fact]
    public void A_custom_rule_finds_its_secret_group_with_its_id_and_confidence()
    {
        var key = tokens.LowerAlphanumeric(32);
        var scanner = new SecretScanner(Parse(AcmeRule));

        var finding = Assert.Single(scanner.ScanText($"client = Acme(\"acme_{key}\")", "client.py"));

        Assert.Equal("acme-api-key", finding.RuleId);
        Assert.Equal(Confidence.High, finding.Confidence);
        Assert.Equal(Scan.Fingerprint(key), finding.Fingerprint);
        Assert.Equal(21, finding.Column);
        Assert.Contains(scanner.ActiveRules, r => r.Id == "acme-api-key" && r.Description == "ACME internal API key");
    }

    [Fact]
    public void A_custom_rule_skips_values_below_its_minimum_entropy()
    {
        var scanner = new SecretScanner(Parse(AcmeRule));

        Assert.Empty(scanner.ScanText($"client = Acme(\"acme_{new string('a', 16)}{new string('b', 16)}\")", "client.py"));
    }

    [Fact]
    public void A_disabled_rule_reports_nothing_and_leaves_the_rule_list()
    {
        var text = $"aws_access_key_id = {tokens.AwsKeyId()}";
        Assert.NotEmpty(Scan.Text(text));

        var scanner = new SecretScanner(Parse("disabledRules: [aws-access-key-id]"));

        Assert.Empty(scanner.ScanText(text, "config.txt"));
        Assert.DoesNotContain(scanner.ActiveRules, r => r.Id == "aws-access-key-id");
    }

    [Fact]
    public async Task Allowed_fingerprints_and_excluded_paths_are_left_out_of_a_scan()
    {
        var folder = Directory.CreateTempSubdirectory("lanyard-config").FullName;
        try
        {
            var allowedKey = tokens.AwsKeyId();
            var reportedKey = tokens.AwsKeyId();
            await File.WriteAllTextAsync(Path.Combine(folder, "a.env"), $"KEY_ID={allowedKey}\nOTHER_ID={reportedKey}\n");
            Directory.CreateDirectory(Path.Combine(folder, "fixtures"));
            await File.WriteAllTextAsync(Path.Combine(folder, "fixtures", "b.env"), $"KEY_ID={tokens.AwsKeyId()}\n");
            var configuration = Parse($"""
                excludePaths: ["fixtures/"]
                allowedFingerprints:
                  - fingerprint: {Scan.Fingerprint(allowedKey).ToUpperInvariant()}
                    reason: documentation sample
                """);

            var result = await new SecretScanner(configuration).RunAsync(new ScanRequest { Paths = [folder] });

            var finding = Assert.Single(result.Findings);
            Assert.Equal(Scan.Fingerprint(reportedKey), finding.Fingerprint);
            Assert.Equal(1, result.SuppressedByConfiguration);
            Assert.Equal("documentation sample", configuration.AllowedFingerprints[0].Reason);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_empty_file_is_an_empty_configuration()
    {
        var configuration = Parse("# nothing yet\n");

        Assert.Empty(configuration.Rules);
        Assert.Empty(configuration.DisabledRules);
    }

    [Theory]
    [InlineData("rules:\n  - id: a\n    patern: x\n", 3, 5, "unknown key 'patern' in a rule")]
    [InlineData("rules: {}\n", 1, 8, "rules must be a list")]
    [InlineData("rules:\n  - id: a\n    pattern: 'a(b'\n    keywords: [a]\n", 3, 14, "not a valid regular expression")]
    [InlineData("rules:\n  - id: a\n    pattern: '(?<=x)a'\n    keywords: [a]\n", 3, 14, "lookarounds")]
    [InlineData("rules:\n  - id: a\n    pattern: a\n    keywords: [a]\n  - id: a\n    pattern: b\n    keywords: [b]\n", 5, 5, "defined twice")]
    [InlineData("rules:\n  - id: github-pat\n    pattern: a\n    keywords: [a]\n", 2, 9, "already a built-in rule")]
    [InlineData("rules:\n  - id: a\n    pattern: a\n", 2, 5, "has no 'keywords'")]
    [InlineData("rules:\n  - id: a\n    pattern: a\n    keywords: [a]\n    minEntropy: lots\n", 5, 17, "minEntropy must be a number")]
    [InlineData("rules:\n  - id: a\n    pattern: a\n    keywords: [a]\n    confidence: certain\n", 5, 17, "confidence must be low, medium or high")]
    [InlineData("disabledRules: [generic-pasword]\n", 1, 17, "'generic-pasword', which is no rule")]
    [InlineData("allowedFingerprints: [abc]\n", 1, 23, "not a fingerprint")]
    [InlineData("version: 2\n", 1, 10, "version must be 1")]
    [InlineData("excludePaths:\n  - [a]\n", 2, 5, "must be a text value")]
    [InlineData("rules:\n  - id: a\n   pattern: a\n", 3, 4, "invalid YAML")]
    [InlineData("excludePaths: []\nexcludePaths: []\n", 2, 1, "excludePaths")]
    public void A_broken_configuration_is_refused_naming_file_line_and_column(string yaml, int line, int column, string problem)
    {
        var error = Refused(yaml);

        Assert.Equal(".lanyard-scan.yaml", error.File);
        Assert.True(line == error.Line && column == error.Column, $"expected {line}:{column}, got {error.Message}");
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($".lanyard-scan.yaml:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }
}
