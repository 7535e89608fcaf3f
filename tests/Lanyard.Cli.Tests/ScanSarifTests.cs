using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Lanyard.Cli.Tests;

/// <summary>SARIF output checked against the OASIS SARIF 2.1.0 schema and against what GitHub code scanning reads.</summary>
public sealed class ScanSarifTests : IDisposable
{
    /// <summary>Loaded once: the schema library keeps a process-wide registry of schemas by their $id.</summary>
    private static readonly Lazy<JsonSchema> SarifSchema = new(() =>
        JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json")));

    private readonly SecretFiles files = new();

    public void Dispose() => files.Dispose();

    private async Task<JsonNode> ScanToSarifAsync()
    {
        files.Write(".lanyard-scan.yaml", """
            rules:
              - id: acme-api-key
                description: ACME internal API key
                pattern: 'acme_(?<secret>[a-z0-9]{32})'
                keywords: [acme_]
            """);
        files.Write("src/client.py", $"client = Acme(\"acme_{files.Lower(32)}\")\n");
        files.Write("deploy/my settings.ini", $"[aws]\naws_access_key_id = {files.AwsKeyId()}\n");
        File.CreateSymbolicLink(Path.Combine(files.Folder, "dangling.conf"), Path.Combine(files.Folder, "gone.conf"));

        var run = await LanyardCli.RunAsync(files.Folder, null, "scan", ".", "--format", "sarif");

        Assert.True(run.ExitCode == 1, run.ToString());
        return JsonNode.Parse(run.Stdout)!;
    }

    [Fact]
    public async Task Sarif_output_validates_against_the_sarif_2_1_0_schema()
    {
        var sarif = await ScanToSarifAsync();
        var schema = SarifSchema.Value;

        using var document = JsonDocument.Parse(sarif.ToJsonString());
        var result = schema.Evaluate(document.RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task The_schema_check_rejects_a_result_without_a_message()
    {
        var sarif = await ScanToSarifAsync();
        sarif["runs"]![0]!["results"]![0]!.AsObject().Remove("message");
        var schema = SarifSchema.Value;

        using var document = JsonDocument.Parse(sarif.ToJsonString());

        Assert.False(schema.Evaluate(document.RootElement).IsValid);
    }

    [Fact]
    public async Task Sarif_results_carry_what_github_code_scanning_needs()
    {
        var sarif = await ScanToSarifAsync();

        var run = sarif["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        var results = run["results"]!.AsArray();
        Assert.Equal(2, results.Count);
        foreach (var result in results.Select(r => r!))
        {
            var ruleId = result["ruleId"]!.GetValue<string>();
            var index = result["ruleIndex"]!.GetValue<int>();
            Assert.Equal(ruleId, rules[index]!["id"]!.GetValue<string>());
            Assert.Equal(64, result["partialFingerprints"]!["lanyardSecretSha256/v1"]!.GetValue<string>().Length);
            var location = result["locations"]![0]!["physicalLocation"]!;
            Assert.Equal("%SRCROOT%", location["artifactLocation"]!["uriBaseId"]!.GetValue<string>());
            Assert.False(Uri.TryCreate(location["artifactLocation"]!["uri"]!.GetValue<string>(), UriKind.Absolute, out _));
            Assert.True(location["region"]!["startLine"]!.GetValue<int>() >= 1);
        }

        var uris = results.Select(r => r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal(["deploy/my%20settings.ini", "src/client.py"], uris.Order(StringComparer.Ordinal));
        var custom = rules.Single(r => r!["id"]!.GetValue<string>() == "acme-api-key")!;
        Assert.Equal("ACME internal API key", custom["shortDescription"]!["text"]!.GetValue<string>());
        var invocation = run["invocations"]![0]!;
        Assert.False(invocation["executionSuccessful"]!.GetValue<bool>());
        Assert.Contains("dangling.conf", invocation["toolExecutionNotifications"]![0]!["message"]!["text"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }
}
