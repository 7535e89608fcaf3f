using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lanyard.Scanning.Reporting;

/// <summary>
/// Writes SARIF 2.1.0 as GitHub code scanning accepts it: one run, every rule in the driver, results
/// with relative artifact URIs and a <c>partialFingerprints</c> entry holding the secret's fingerprint,
/// so an alert follows the secret rather than its line.
/// </summary>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string FingerprintKey = "lanyardSecretSha256/v1";

    /// <summary>The base that relative artifact URIs resolve against: the folder that was scanned.</summary>
    public const string SourceRoot = "%SRCROOT%";

    /// <summary>Writes the result; <paramref name="rules"/> are the rules the scan ran (default: every built-in rule).</summary>
    public static void Write(
        Stream output, ScanResult result, string toolVersion = "0.1.0", IReadOnlyList<SecretRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(result);

        var ran = (rules ?? SecretScanner.Rules).Concat(UnlistedRules(result, rules ?? SecretScanner.Rules));
        var ordered = ran.DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var ruleIndex = ordered.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

        using var writer = new Utf8JsonWriter(output,
            new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("$schema", SchemaUri);
        writer.WriteString("version", "2.1.0");
        writer.WriteStartArray("runs");
        writer.WriteStartObject();
        WriteTool(writer, ordered, toolVersion);

        writer.WriteStartArray("results");
        foreach (var finding in result.Findings)
        {
            WriteResult(writer, finding, ruleIndex.GetValueOrDefault(finding.RuleId, -1));
        }

        writer.WriteEndArray();
        WriteInvocation(writer, result);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter writer, IReadOnlyList<SecretRule> rules, string toolVersion)
    {
        writer.WriteStartObject("tool");
        writer.WriteStartObject("driver");
        writer.WriteString("name", "lanyard");
        writer.WriteString("semanticVersion", toolVersion);
        writer.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            writer.WriteStartObject();
            writer.WriteString("id", rule.Id);
            writer.WriteString("name", rule.Kind);
            writer.WriteStartObject("shortDescription");
            writer.WriteString("text", rule.Description);
            writer.WriteEndObject();
            writer.WriteStartObject("defaultConfiguration");
            writer.WriteString("level", "error");
            writer.WriteEndObject();
            writer.WriteStartObject("properties");
            writer.WriteStartArray("tags");
            foreach (var tag in new[] { "security", "secret", rule.Family }.Distinct(StringComparer.Ordinal))
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
            writer.WriteString("security-severity", "8.0");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, SecretFinding finding, int ruleIndex)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", finding.RuleId);
        if (ruleIndex >= 0)
        {
            writer.WriteNumber("ruleIndex", ruleIndex);
        }

        writer.WriteString("level", finding.Confidence == Confidence.Low ? "warning" : "error");
        writer.WriteStartObject("message");
        writer.WriteString("text", $"Hardcoded {finding.Kind} ({finding.Redacted}), " +
            $"{JsonReportWriter.ConfidenceName(finding.Confidence)} confidence, fingerprint {finding.Fingerprint}.");
        writer.WriteEndObject();

        writer.WriteStartArray("locations");
        writer.WriteStartObject();
        writer.WriteStartObject("physicalLocation");
        writer.WriteStartObject("artifactLocation");
        if (Path.IsPathFullyQualified(finding.Path))
        {
            writer.WriteString("uri", new Uri(finding.Path).AbsoluteUri);
        }
        else
        {
            writer.WriteString("uri", ArtifactUri(finding.Path));
            writer.WriteString("uriBaseId", SourceRoot);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("region");
        writer.WriteNumber("startLine", finding.Line);
        writer.WriteNumber("startColumn", finding.Column);
        writer.WriteNumber("endLine", finding.EndLine);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartObject("partialFingerprints");
        writer.WriteString(FingerprintKey, finding.Fingerprint);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter writer, ScanResult result)
    {
        writer.WriteStartArray("invocations");
        writer.WriteStartObject();
        writer.WriteBoolean("executionSuccessful", result.IsComplete);
        writer.WriteStartArray("toolExecutionNotifications");
        foreach (var warning in result.Warnings)
        {
            writer.WriteStartObject();
            writer.WriteString("level", "warning");
            writer.WriteStartObject("message");
            writer.WriteString("text", $"{warning.Path}: {warning.Message}");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>Rules that produced findings without being listed (a result always names a described rule).</summary>
    private static IEnumerable<SecretRule> UnlistedRules(ScanResult result, IReadOnlyList<SecretRule> listed)
    {
        var ids = listed.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return result.Findings.Where(f => !ids.Contains(f.RuleId))
            .Select(f => new SecretRule(f.RuleId, f.Kind, $"Hardcoded {f.Kind}", "other"));
    }

    /// <summary>SARIF URIs are relative references: '/' separators and percent-encoded specials.</summary>
    private static string ArtifactUri(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
