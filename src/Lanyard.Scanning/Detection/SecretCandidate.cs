namespace Lanyard.Scanning.Detection;

/// <summary>A secret as a detector saw it, before filtering, fingerprinting and redaction.</summary>
internal sealed record SecretCandidate
{
    public required SecretRule Rule { get; init; }

    public required string Secret { get; init; }

    public required int Line { get; init; }

    public required int Column { get; init; }

    public required int EndLine { get; init; }

    public required Confidence Confidence { get; init; }

    /// <summary>How specific the rule is; on overlapping spans of one line the more specific rule wins.</summary>
    public required RulePriority Priority { get; init; }

    /// <summary>Chars the secret spans in the source line; the decoded length differs for encoded values.</summary>
    public required int SourceLength { get; init; }

    public int? PairedLine { get; init; }

    /// <summary>Found in a decoded value; preferred over a rule that matched the same value still encoded.</summary>
    public bool FromDecoded { get; init; }
}
