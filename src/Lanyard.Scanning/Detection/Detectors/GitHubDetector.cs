using System.Text.RegularExpressions;

using Lanyard.Scanning.Formats;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// GitHub tokens. The classic formats end in a CRC-32 checksum of their random part, so a match that
/// fails the checksum is not a GitHub token at all and is dropped.
/// </summary>
internal sealed partial class GitHubDetector() : PatternDetector(Name,
[
    Checksummed("github-pat", "ghp_", "GitHub personal access token (classic)", ClassicPat()),
    Checksummed("github-oauth-token", "gho_", "GitHub OAuth access token", OAuth()),
    Checksummed("github-user-to-server-token", "ghu_", "GitHub App user-to-server token", UserToServer()),
    Checksummed("github-app-installation-token", "ghs_", "GitHub App installation token", Installation()),
    new PatternRule(
        new SecretRule("github-refresh-token", "github-refresh-token", "GitHub App refresh token", Name),
        Refresh(), "ghr_"),
    new PatternRule(
        new SecretRule("github-fine-grained-pat", "github-fine-grained-pat", "GitHub fine-grained PAT", Name),
        FineGrained(), "github_pat_"),
])
{
    public const string Name = "github";

    private static PatternRule Checksummed(string id, string prefix, string description, Regex pattern) =>
        new(new SecretRule(id, id, description, Name), pattern, prefix,
            Validate: token => ChecksummedToken.IsValid(token, prefix.Length) ? Confidence.High : null);

    [GeneratedRegex("(?<![A-Za-z0-9_])ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9_])")]
    private static partial Regex ClassicPat();

    [GeneratedRegex("(?<![A-Za-z0-9_])gho_[A-Za-z0-9]{36}(?![A-Za-z0-9_])")]
    private static partial Regex OAuth();

    [GeneratedRegex("(?<![A-Za-z0-9_])ghu_[A-Za-z0-9]{36}(?![A-Za-z0-9_])")]
    private static partial Regex UserToServer();

    [GeneratedRegex("(?<![A-Za-z0-9_])ghs_[A-Za-z0-9]{36}(?![A-Za-z0-9_])")]
    private static partial Regex Installation();

    [GeneratedRegex("(?<![A-Za-z0-9_])ghr_[A-Za-z0-9]{36,76}(?![A-Za-z0-9_])")]
    private static partial Regex Refresh();

    [GeneratedRegex("(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])")]
    private static partial Regex FineGrained();
}
