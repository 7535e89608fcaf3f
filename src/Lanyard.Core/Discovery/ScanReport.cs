namespace Lanyard.Core.Discovery;

/// <summary>What one scan of one source found, as fingerprints and places.</summary>
/// <param name="Source">What was scanned, such as <c>github.com/acme/billing</c> or an image name.</param>
/// <param name="Findings">The findings; at most <see cref="ScanReportRules.MaxFindings"/>.</param>
public sealed record ScanReport(string Source, IReadOnlyList<ReportedSecret> Findings);
