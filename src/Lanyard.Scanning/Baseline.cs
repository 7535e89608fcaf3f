using System.Text.Json;

namespace Lanyard.Scanning;

/// <summary>
/// Secrets accepted as known, keyed by fingerprint rather than by line: a new secret on an accepted
/// line is still reported, and an accepted secret that moves stays quiet.
/// </summary>
public sealed class Baseline
{
    public const int FormatVersion = 1;

    private readonly Dictionary<string, BaselineEntry> byFingerprint;

    public Baseline(IEnumerable<BaselineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        byFingerprint = entries.DistinctBy(e => e.Fingerprint).ToDictionary(e => e.Fingerprint, StringComparer.Ordinal);
    }

    public static Baseline Empty { get; } = new([]);

    public IReadOnlyCollection<BaselineEntry> Entries => byFingerprint.Values;

    public bool Contains(string fingerprint) => byFingerprint.ContainsKey(fingerprint);

    public static Baseline FromFindings(IEnumerable<SecretFinding> findings) =>
        new(findings.Select(f => new BaselineEntry(f.Fingerprint, f.RuleId, f.Path, f.Line)));

    /// <summary>Reads a baseline file; a malformed file throws <see cref="BaselineFormatException"/> naming the line.</summary>
    public static Baseline Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static Baseline Read(Stream stream, string sourceName)
    {
        try
        {
            using var document = JsonDocument.Parse(stream);
            var entries = document.RootElement.GetProperty("entries").EnumerateArray().Select(e => new BaselineEntry(
                e.GetProperty("fingerprint").GetString() ?? throw new BaselineFormatException(sourceName, null,
                    "An entry has no fingerprint."),
                e.TryGetProperty("rule", out var rule) ? rule.GetString() ?? string.Empty : string.Empty,
                e.TryGetProperty("path", out var file) ? file.GetString() ?? string.Empty : string.Empty,
                e.TryGetProperty("line", out var line) && line.TryGetInt32(out var number) ? number : 0));
            return new Baseline(entries.ToList());
        }
        catch (JsonException e)
        {
            throw new BaselineFormatException(sourceName, e.LineNumber + 1, "The file is not valid JSON.", e);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            throw new BaselineFormatException(sourceName, null,
                "Expected an object with an \"entries\" array of {\"fingerprint\": ...} objects.", e);
        }
    }

    public void Write(Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteNumber("version", FormatVersion);
        writer.WriteStartArray("entries");
        foreach (var entry in byFingerprint.Values.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line))
        {
            writer.WriteStartObject();
            writer.WriteString("fingerprint", entry.Fingerprint);
            writer.WriteString("rule", entry.RuleId);
            writer.WriteString("path", entry.Path);
            writer.WriteNumber("line", entry.Line);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
