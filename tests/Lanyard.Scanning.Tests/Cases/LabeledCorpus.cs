using System.Text.Json;

namespace Lanyard.Scanning.Tests.Cases;

/// <summary>truth.jsonl and negatives.jsonl of a labeled corpus.</summary>
internal sealed record LabeledCorpus(IReadOnlyList<TruthEntry> Truth, IReadOnlyList<NegativeEntry> Negatives)
{
    public static LabeledCorpus Load(string folder) => new(
        [.. ReadLines(Path.Combine(folder, "truth.jsonl")).Select(e => new TruthEntry(
            e.GetProperty("file").GetString()!, e.GetProperty("line").GetInt32(), e.GetProperty("kind").GetString()!,
            e.GetProperty("sha256").GetString()!,
            e.TryGetProperty("end_line", out var end) ? end.GetInt32() : e.GetProperty("line").GetInt32()))],
        [.. ReadLines(Path.Combine(folder, "negatives.jsonl")).Select(e => new NegativeEntry(
            e.GetProperty("file").GetString()!, e.GetProperty("line").GetInt32(), e.GetProperty("reason").GetString()!))]);

    private static IEnumerable<JsonElement> ReadLines(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement);
}

internal sealed record TruthEntry(string File, int Line, string Kind, string Sha256, int EndLine);

internal sealed record NegativeEntry(string File, int Line, string Reason);
