namespace Lanyard.Scanning;

/// <summary>A hardcoded secret found by the scanner. Holds the secret itself only when asked to.</summary>
public sealed record SecretFinding
{
    public required string RuleId { get; init; }

    public required string Kind { get; init; }

    /// <summary>Path relative to the scan root with '/' separators; archive members as <c>a.jar!/b/c</c>.</summary>
    public required string Path { get; init; }

    /// <summary>1-based line where the secret starts.</summary>
    public required int Line { get; init; }

    /// <summary>1-based column where the secret starts.</summary>
    public required int Column { get; init; }

    /// <summary>1-based last line of the secret; equals <see cref="Line"/> for one-line secrets.</summary>
    public required int EndLine { get; init; }

    /// <summary>A short prefix of the secret followed by asterisks.</summary>
    public required string Redacted { get; init; }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes of the secret string.</summary>
    public required string Fingerprint { get; init; }

    public required Confidence Confidence { get; init; }

    /// <summary>The secret string; null unless the request asked to show secrets.</summary>
    public string? Secret { get; init; }

    /// <summary>Line of the other half of a paired credential (an AWS key id for a secret key).</summary>
    public int? PairedLine { get; init; }

    /// <summary>The git commit that first introduced the secret, for history scans.</summary>
    public string? Commit { get; init; }

    /// <summary>Author time of <see cref="Commit"/>.</summary>
    public DateTimeOffset? CommitTime { get; init; }

    public string? Author { get; init; }

    /// <summary>The image layer digest holding the file, for container image scans.</summary>
    public string? Layer { get; init; }
}
