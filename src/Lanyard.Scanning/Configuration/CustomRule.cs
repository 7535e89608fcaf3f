using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Configuration;

/// <summary>A detection rule defined in <c>.lanyard-scan.yaml</c>.</summary>
/// <param name="Id">Stable id used in reports, baselines and SARIF; unique among all rules.</param>
/// <param name="Description">What the rule finds, in one sentence.</param>
/// <param name="Kind">The credential kind reported (defaults to the id).</param>
/// <param name="Pattern">
/// The pattern, compiled for linear-time matching; its named group <c>secret</c>, when present, is the secret.
/// </param>
/// <param name="Keywords">Substrings (any case) of which a line must hold one for the pattern to run on it.</param>
/// <param name="MinimumEntropy">Shannon entropy in bits per character the secret must reach.</param>
/// <param name="Confidence">The confidence of its findings.</param>
public sealed record CustomRule(
    string Id,
    string Description,
    string Kind,
    Regex Pattern,
    IReadOnlyList<string> Keywords,
    double MinimumEntropy,
    Confidence Confidence)
{
    public const string SecretGroup = "secret";

    public const string Family = "custom";

    public SecretRule ToSecretRule() => new(Id, Kind, Description, Family);
}
