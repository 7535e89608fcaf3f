using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lanyard.Scanning.Reporting;

/// <summary>
/// Writes a scan result as stable JSON for scripts: a summary, the findings (never the secret unless
/// the scan was asked to show it) and the warnings. Property names are fixed; new ones may be added.
/// </summary>
public static class JsonReportWriter
{
    /// <summary>Writes the report; with <paramref name="includeUnusedBaseline"/> it lists the baseline entries that
    /// matched nothing.</summary>
    public static void Write(Stream output, ScanResult result, bool includeUnusedBaseline = false)
    {
        ArgumentNullException.ThrowIfNull(result);

        using var writer = new Utf8JsonWriter(output,
            new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        WriteSummary(writer, result);

        writer.WriteStartArray("findings");
        foreach (var finding in result.Findings)
        {
            WriteFinding(writer, finding);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("warnings");
        foreach (var warning in result.Warnings)
        {
            writer.WriteStartObject();
            writer.WriteString("path", warning.Path);
            writer.WriteString("message", warning.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (includeUnusedBaseline)
        {
            WriteUnusedBaseline(writer, result.UnusedBaselineEntries);
        }

        writer.WriteEndObject();
    }

    public static void WriteFinding(Utf8JsonWriter writer, SecretFinding finding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(finding);

        writer.WriteStartObject();
        writer.WriteString("rule", finding.RuleId);
        writer.WriteString("kind", finding.Kind);
        writer.WriteString("path", finding.Path);
        writer.WriteNumber("line", finding.Line);
        writer.WriteNumber("column", finding.Column);
        writer.WriteNumber("endLine", finding.EndLine);
        writer.WriteString("confidence", ConfidenceName(finding.Confidence));
        writer.WriteString("fingerprint", finding.Fingerprint);
        writer.WriteString("redacted", finding.Redacted);
        WriteOptional(writer, "secret", finding.Secret);
        WriteOptional(writer, "commit", finding.Commit);
        WriteOptional(writer, "author", finding.Author);
        WriteOptional(writer, "layer", finding.Layer);
        if (finding.CommitTime is { } time)
        {
            writer.WriteString("commitTime", time);
        }

        if (finding.PairedLine is { } paired)
        {
            writer.WriteNumber("pairedLine", paired);
        }

        writer.WriteEndObject();
    }

    public static string ConfidenceName(Confidence confidence) => confidence switch
    {
        Confidence.High => "high",
        Confidence.Medium => "medium",
        _ => "low",
    };

    private static void WriteSummary(Utf8JsonWriter writer, ScanResult result)
    {
        writer.WriteStartObject("summary");
        writer.WriteNumber("findings", result.Findings.Count);
        writer.WriteNumber("filesScanned", result.FilesScanned);
        writer.WriteNumber("bytesScanned", result.BytesScanned);
        writer.WriteNumber("binaryFilesSkipped", result.BinaryFilesSkipped);
        writer.WriteNumber("suppressedByBaseline", result.SuppressedByBaseline);
        writer.WriteNumber("suppressedByConfiguration", result.SuppressedByConfiguration);
        writer.WriteNumber("elapsedMilliseconds", (long)result.Elapsed.TotalMilliseconds);
        writer.WriteBoolean("complete", result.IsComplete);
        writer.WriteEndObject();
    }

    private static void WriteUnusedBaseline(Utf8JsonWriter writer, IReadOnlyList<BaselineEntry> entries)
    {
        writer.WriteStartArray("unusedBaselineEntries");
        foreach (var entry in entries)
        {
            writer.WriteStartObject();
            writer.WriteString("fingerprint", entry.Fingerprint);
            writer.WriteString("rule", entry.RuleId);
            writer.WriteString("path", entry.Path);
            writer.WriteNumber("line", entry.Line);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
