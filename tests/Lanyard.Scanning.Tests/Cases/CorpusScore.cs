namespace Lanyard.Scanning.Tests.Cases;

/// <summary>
/// Scores findings the way the cases README defines: distinct (file, line) pairs, a multi-line secret
/// matched by a finding anywhere in its span, and in strict mode the fingerprint must match too.
/// </summary>
internal sealed class CorpusScore
{
    public CorpusScore(LabeledCorpus corpus, IReadOnlyList<SecretFinding> findings)
    {
        var pairs = findings.GroupBy(f => (f.Path, f.Line)).ToList();
        var matched = new HashSet<TruthEntry>();
        foreach (var pair in pairs)
        {
            var truth = corpus.Truth.FirstOrDefault(t => !matched.Contains(t) && t.File == pair.Key.Path
                && pair.Key.Line >= t.Line && pair.Key.Line <= t.EndLine);
            if (truth is null)
            {
                FalsePositives.Add(pair.First());
                continue;
            }

            matched.Add(truth);
            if (pair.Any(f => f.Fingerprint == truth.Sha256))
            {
                StrictMatches.Add(truth);
            }
            else
            {
                WrongFingerprint.Add(truth);
            }
        }

        Missed = [.. corpus.Truth.Where(t => !matched.Contains(t))];
        TruePositives = matched.Count;
        ReportedPairs = pairs.Count;
        TruthCount = corpus.Truth.Count;
        NegativesHit = [.. corpus.Negatives.Where(n => findings.Any(f => f.Path == n.File && f.Line == n.Line))];
    }

    public int TruePositives { get; }

    public int ReportedPairs { get; }

    public int TruthCount { get; }

    public List<SecretFinding> FalsePositives { get; } = [];

    public List<TruthEntry> StrictMatches { get; } = [];

    public List<TruthEntry> WrongFingerprint { get; } = [];

    public IReadOnlyList<TruthEntry> Missed { get; }

    public IReadOnlyList<NegativeEntry> NegativesHit { get; }

    public double Precision => ReportedPairs == 0 ? 0 : (double)TruePositives / ReportedPairs;

    public double Recall => (double)TruePositives / TruthCount;

    public double StrictRecall => (double)StrictMatches.Count / TruthCount;

    public double StrictPrecision => ReportedPairs == 0 ? 0 : (double)StrictMatches.Count / ReportedPairs;

    public string Describe() => string.Join(Environment.NewLine,
    [
        $"precision {Precision:F3} recall {Recall:F3} strict precision {StrictPrecision:F3} strict recall {StrictRecall:F3}"
            + $" ({TruePositives} of {TruthCount} found, {ReportedPairs} reported)",
        .. Missed.Select(m => $"missed {m.File}:{m.Line} {m.Kind}"),
        .. WrongFingerprint.Select(m => $"wrong fingerprint {m.File}:{m.Line} {m.Kind}"),
        .. FalsePositives.Select(f => $"false positive {f.Path}:{f.Line} {f.RuleId} {f.Redacted}"),
    ]);
}
