namespace Lanyard.Core.Discovery;

/// <summary>What one scan of one source found, as fingerprints and places.</summary>
/// <param name="Source">What was scanned, such as <c>github.com/acme/billing</c> or an image name.</param>
/// <param name="Findings">The findings; at most <see cref="ScanReportRules.MaxFindings"/>.</param>
public sealed record ScanReport(string Source, IReadOnlyList<ReportedSecret> Findings)
{
    /// <summary>
    /// True when this report ends a scan that covered the whole source: every place of the source
    /// not reported by the scan is then resolved. A scan sent in several reports marks only its
    /// last one complete and names, in <see cref="ScanStartedAt"/>, when its first one was stored.
    /// </summary>
    public bool Complete { get; init; }

    /// <summary>
    /// With <see cref="Complete"/>: the <c>reportedAt</c> the server answered the scan's first report
    /// with. Places reported since then belong to this scan. Absent, the scan is this report alone.
    /// </summary>
    public DateTimeOffset? ScanStartedAt { get; init; }
}
