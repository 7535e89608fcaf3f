namespace Lanyard.Core.Discovery;

/// <summary>
/// What a scan report must look like before any of it is stored. The first fault is named by its
/// field and index (<c>findings[3].fingerprint</c>), and a faulty report is refused as a whole.
/// </summary>
public static class ScanReportRules
{
    /// <summary>Findings per report; a larger scan is sent in several reports.</summary>
    public const int MaxFindings = 10_000;

    public const int MaxSourceLength = 512;
    public const int MaxPathLength = 2048;
    public const int MaxRuleLength = 100;
    public const int MaxLayerLength = 200;

    public static Problem? Validate(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Text("source", report.Source, MaxSourceLength) is { } source)
        {
            return source;
        }

        if (report.Findings is null)
        {
            return Problem.Invalid("findings", "findings is required: a list of what the scan found (it may be empty).");
        }

        if (report.Findings.Count > MaxFindings)
        {
            return Problem.Invalid("findings",
                $"A report holds at most {MaxFindings} findings; this one has {report.Findings.Count}. Send the rest in another report.");
        }

        for (var i = 0; i < report.Findings.Count; i++)
        {
            if (Finding($"findings[{i}]", report.Findings[i]) is { } problem)
            {
                return problem;
            }
        }

        if (report.ScanStartedAt is not null && !report.Complete)
        {
            return Problem.Invalid("scanStartedAt", "scanStartedAt belongs to the report that completes a scan; set complete too.");
        }

        return null;
    }

    /// <summary>True for 64 lowercase hex digits: the only form of a fingerprint.</summary>
    public static bool IsFingerprint(string? text) => text is { Length: 64 } && text.All(IsLowerHex);

    private static Problem? Finding(string at, ReportedSecret? finding)
    {
        if (finding is null)
        {
            return Problem.Invalid(at, $"{at} is null; each finding is an object.");
        }

        if (!IsFingerprint(finding.Fingerprint))
        {
            return Problem.Invalid($"{at}.fingerprint",
                $"{at}.fingerprint must be the SHA-256 of the secret as 64 lowercase hex digits; the secret itself is never sent.");
        }

        return Text($"{at}.ruleId", finding.RuleId, MaxRuleLength)
            ?? Text($"{at}.kind", finding.Kind, MaxRuleLength)
            ?? Text($"{at}.path", finding.Path, MaxPathLength)
            ?? Positive($"{at}.line", finding.Line)
            ?? Positive($"{at}.column", finding.Column)
            ?? Commit($"{at}.commit", finding.Commit)
            ?? (finding.Layer is null ? null : Text($"{at}.layer", finding.Layer, MaxLayerLength))
            ?? (Enum.IsDefined(finding.Confidence) ? null
                : Problem.Invalid($"{at}.confidence", $"{at}.confidence must be low, medium or high."));
    }

    private static Problem? Text(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Problem.Invalid(field, $"{field} is required and may not be blank.");
        }

        if (value.Length > maxLength)
        {
            return Problem.Invalid(field, $"{field} has {value.Length} characters; at most {maxLength} are allowed.");
        }

        return value.Any(char.IsControl)
            ? Problem.Invalid(field, $"{field} holds a control character; send the text as it is displayed.")
            : null;
    }

    private static Problem? Positive(string field, int value) =>
        value >= 1 ? null : Problem.Invalid(field, $"{field} is {value}; lines and columns count from 1.");

    /// <summary>A git object id, abbreviated to 7 digits or full (40 for SHA-1 repositories, 64 for SHA-256).</summary>
    private static Problem? Commit(string field, string? commit) =>
        commit is null || (commit.Length is >= 7 and <= 64 && commit.All(char.IsAsciiHexDigit))
            ? null
            : Problem.Invalid(field, $"{field} must be a commit id: 7 to 64 hex digits.");

    private static bool IsLowerHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f');
}
