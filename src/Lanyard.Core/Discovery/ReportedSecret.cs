namespace Lanyard.Core.Discovery;

/// <summary>One finding of a scan as a reporter sends it: where, which rule, and the fingerprint, never the value.</summary>
public sealed record ReportedSecret(
    string RuleId,
    string Kind,
    string Path,
    int Line,
    int Column,
    string Fingerprint,
    SightingConfidence Confidence,
    string? Commit = null,
    DateTimeOffset? CommitTime = null,
    string? Layer = null);
