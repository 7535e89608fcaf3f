using System.Text.RegularExpressions;

using Lanyard.Scanning.Filtering;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// AWS access key ids, secret access keys and session tokens. A secret key is 40 base64 chars with no
/// prefix of its own, so it is only recognised under a secret-key name; it is paired with an access key
/// id on a nearby line when the file is finished (see <see cref="CandidatePipeline"/>).
/// </summary>
internal sealed partial class AwsDetector : ISecretDetector
{
    public const string Name = "aws";

    public static readonly SecretRule AccessKeyId =
        new("aws-access-key-id", "aws-access-key-id", "AWS access key id", Name);

    public static readonly SecretRule SecretAccessKey =
        new("aws-secret-access-key", "aws-secret-access-key", "AWS secret access key", Name);

    public static readonly SecretRule SessionToken =
        new("aws-session-token", "aws-session-token", "AWS temporary session token", Name);

    public string Family => Name;

    public IReadOnlyList<SecretRule> Rules { get; } = [AccessKeyId, SecretAccessKey, SessionToken];

    public IReadOnlyList<string> Keywords { get; } = ["secret", "session"];

    public IReadOnlyList<string> CaseSensitiveKeywords { get; } = ["AKIA", "ASIA", "ABIA", "ACCA"];

    public void Detect(LineContext line)
    {
        foreach (Match match in KeyIdPattern().Matches(line.Text))
        {
            line.Report(AccessKeyId, match.Groups[0], Confidence.High, RulePriority.Provider);
        }

        foreach (Match match in SecretKeyPattern().Matches(line.Text))
        {
            var secret = match.Groups["s"];
            if (!LooksRandom(secret.Value))
            {
                continue;
            }

            var named = line.Text.Contains("aws", StringComparison.OrdinalIgnoreCase);
            line.Report(SecretAccessKey, secret, named ? Confidence.High : Confidence.Medium, RulePriority.Provider);
        }

        foreach (Match match in SessionTokenPattern().Matches(line.Text))
        {
            line.Report(SessionToken, match.Groups["s"], Confidence.High, RulePriority.Provider);
        }
    }

    /// <summary>Real secret keys are uniformly random base64; anything tidier is a name or a placeholder.</summary>
    private static bool LooksRandom(string value) =>
        ValueShape.CharacterClasses(value) >= 3 && ValueShape.Entropy(value) >= 4.0 && !ValueShape.IsHex(value);

    [GeneratedRegex("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])")]
    private static partial Regex KeyIdPattern();

    /// <summary>
    /// A 40-char value under a name with "secret" then "key" in it. The match starts at "secret", so the
    /// regex looks for that literal first instead of trying every identifier in the line.
    /// </summary>
    [GeneratedRegex(
        @"(?i)secret[\w.\-]{0,30}?key[\w\-]{0,10}[""'\]]?\s*(?:=|:=|:|=>|,)\s*[@rb]?[""']?(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])")]
    private static partial Regex SecretKeyPattern();

    [GeneratedRegex(
        @"(?i)aws[\w.\-]{0,10}?session[\w.\-]{0,5}?token[""'\]]?\s*(?:=|:|=>)\s*[""']?(?<s>[A-Za-z0-9/+=]{100,1200})(?![A-Za-z0-9/+=])")]
    private static partial Regex SessionTokenPattern();
}
