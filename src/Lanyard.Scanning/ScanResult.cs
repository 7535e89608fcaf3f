namespace Lanyard.Scanning;

/// <summary>Everything a finished scan produced.</summary>
public sealed record ScanResult
{
    public required IReadOnlyList<SecretFinding> Findings { get; init; }

    public required IReadOnlyList<ScanWarning> Warnings { get; init; }

    public required long FilesScanned { get; init; }

    public required long BytesScanned { get; init; }

    public required long BinaryFilesSkipped { get; init; }

    /// <summary>Findings left out because the baseline lists their fingerprint.</summary>
    public required long SuppressedByBaseline { get; init; }

    /// <summary>The findings the baseline suppressed, so that a refreshed baseline can keep them.</summary>
    public IReadOnlyList<SecretFinding> BaselineMatches { get; init; } = [];

    /// <summary>Findings left out because the configuration allows their fingerprint.</summary>
    public long SuppressedByConfiguration { get; init; }

    /// <summary>Baseline entries that matched nothing in this scan (<c>--report-unused</c>).</summary>
    public required IReadOnlyList<BaselineEntry> UnusedBaselineEntries { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>False when something could not be read; the exit code should tell the caller.</summary>
    public bool IsComplete => Warnings.Count == 0;
}
