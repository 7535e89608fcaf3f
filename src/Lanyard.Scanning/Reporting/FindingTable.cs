namespace Lanyard.Scanning.Reporting;

/// <summary>
/// Findings as rows of display strings, for the CLI's shared table printer. The secret never appears;
/// the fingerprint is shortened to 12 hex digits, enough to match against a baseline by eye.
/// </summary>
public sealed record FindingTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public static readonly IReadOnlyList<string> DefaultColumns =
        ["LOCATION", "KIND", "RULE", "CONFIDENCE", "SECRET", "FINGERPRINT"];

    public static FindingTable From(IEnumerable<SecretFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);

        var rows = findings.Select(f => (IReadOnlyList<string>)
        [
            Location(f),
            f.Kind,
            f.RuleId,
            JsonReportWriter.ConfidenceName(f.Confidence),
            f.Secret ?? f.Redacted,
            f.Fingerprint[..12],
        ]).ToList();
        return new FindingTable(DefaultColumns, rows);
    }

    private static string Location(SecretFinding finding)
    {
        var where = finding.EndLine > finding.Line
            ? $"{finding.Path}:{finding.Line}-{finding.EndLine}"
            : $"{finding.Path}:{finding.Line}:{finding.Column}";
        var origin = finding.Commit is not null ? $" @{finding.Commit[..Math.Min(8, finding.Commit.Length)]}"
            : finding.Layer is not null ? $" [{finding.Layer[..Math.Min(19, finding.Layer.Length)]}]"
            : string.Empty;
        return where + origin;
    }
}
