using System.Security.Cryptography;
using System.Text;

using Lanyard.Scanning.Detection.Detectors;
using Lanyard.Scanning.Filtering;

namespace Lanyard.Scanning.Detection;

/// <summary>
/// What happens to a file's candidates once detection is done: pair, filter, keep one per span,
/// fingerprint and redact. Each step is a small method; <see cref="Finish"/> reads as the table of contents.
/// </summary>
internal static class CandidatePipeline
{
    /// <summary>An AWS key id and secret key this many lines apart or closer are one credential.</summary>
    private const int PairingDistance = 5;

    public static IEnumerable<SecretFinding> Finish(
        IReadOnlyList<SecretCandidate> candidates, string path, FindingOptions options)
    {
        var paired = PairAwsCredentials(candidates);
        var kept = DropFalsePositives(paired).Where(c => c.Confidence >= options.MinimumConfidence);
        return KeepMostSpecificPerSpan(kept).Select(c => ToFinding(c, path, options.ShowSecrets));
    }

    public static string Fingerprint(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A short prefix and asterisks: enough to recognise a token's kind, never enough to use it.</summary>
    public static string Redact(string secret)
    {
        var shown = Math.Min(4, secret.Length / 4);
        return string.Concat(secret.AsSpan(0, shown), "****");
    }

    private static List<SecretCandidate> PairAwsCredentials(IReadOnlyList<SecretCandidate> candidates)
    {
        var keyIdLines = candidates
            .Where(c => c.Rule == AwsDetector.AccessKeyId && !DocumentedExamples.Contains(c.Secret))
            .Select(c => c.Line)
            .ToList();

        return [.. candidates.Select(c =>
        {
            if (c.Rule != AwsDetector.SecretAccessKey || keyIdLines.Count == 0)
            {
                return c;
            }

            var nearest = keyIdLines.MinBy(line => Math.Abs(line - c.Line));
            return Math.Abs(nearest - c.Line) <= PairingDistance
                ? c with { PairedLine = nearest, Confidence = Confidence.High }
                : c;
        })];
    }

    private static IEnumerable<SecretCandidate> DropFalsePositives(IEnumerable<SecretCandidate> candidates) =>
        candidates.Where(c => !DocumentedExamples.Contains(c.Secret)
            && !Placeholders.IsObviousPlaceholderToken(c.Secret));

    /// <summary>Where several rules match overlapping text on one line, the most specific one stays.</summary>
    private static List<SecretCandidate> KeepMostSpecificPerSpan(IEnumerable<SecretCandidate> candidates)
    {
        var kept = new List<SecretCandidate>();
        var ordered = candidates
            .OrderByDescending(c => c.Rule.Envelope && !c.FromDecoded)
            .ThenByDescending(c => c.Priority)
            .ThenByDescending(c => c.FromDecoded)
            .ThenByDescending(c => c.Confidence)
            .ThenByDescending(c => c.SourceLength);
        foreach (var candidate in ordered)
        {
            if (!kept.Exists(k => Overlaps(k, candidate)))
            {
                kept.Add(candidate);
            }
        }

        kept.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return kept;
    }

    private static bool Overlaps(SecretCandidate a, SecretCandidate b) =>
        a.Line == b.Line
        && (a.Secret == b.Secret
            || (a.Column < b.Column + b.SourceLength && b.Column < a.Column + a.SourceLength));

    private static SecretFinding ToFinding(SecretCandidate candidate, string path, bool showSecret) => new()
    {
        RuleId = candidate.Rule.Id,
        Kind = candidate.Rule.Kind,
        Path = path,
        Line = candidate.Line,
        Column = candidate.Column,
        EndLine = candidate.EndLine,
        Redacted = Redact(candidate.Secret),
        Fingerprint = Fingerprint(candidate.Secret),
        Confidence = candidate.Confidence,
        Secret = showSecret ? candidate.Secret : null,
        PairedLine = candidate.PairedLine,
    };
}
