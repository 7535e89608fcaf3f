using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Workspace and pipeline services: Notion, Typeform, Frame.io, ReadMe, Prefect, Harness, Sourcegraph,
/// Infracost, Adobe and 1Password service accounts and secret keys.
/// </summary>
internal sealed partial class WorkspaceDetector() : PatternDetector(Name,
[
    Token("notion-api-token", "Notion integration token", Notion(), "ntn_"),
    Token("typeform-api-token", "Typeform personal access token", Typeform(), "tfp_"),
    Token("frameio-api-token", "Frame.io developer token", FrameIo(), "fio-u-"),
    Token("readme-api-key", "ReadMe API key", ReadMe(), "rdme_"),
    Token("prefect-api-key", "Prefect Cloud API key", Prefect(), "pnu_"),
    Token("harness-api-token", "Harness personal access token", Harness(), "pat."),
    Token("harness-api-token", "Harness service account token", Harness(), "sat."),
    Token("sourcegraph-access-token", "Sourcegraph access token", Sourcegraph(), "sgp_"),
    Token("infracost-api-key", "Infracost API key", Infracost(), "ico-"),
    Token("adobe-client-secret", "Adobe OAuth client secret", Adobe(), "p8e-"),
    Token("1password-service-account-token", "1Password service account token", OnePasswordService(), "ops_eyJ"),
    Token("1password-secret-key", "1Password account secret key", OnePasswordSecretKey(), "A3-"),
])
{
    public const string Name = "workspace";

    private static PatternRule Token(string id, string description, Regex pattern, string prefix) =>
        new(new SecretRule(id, id, description, Name), pattern, prefix);

    [GeneratedRegex("(?<![A-Za-z0-9_-])ntn_[0-9]{11}[A-Za-z0-9]{35}(?![A-Za-z0-9_-])")]
    private static partial Regex Notion();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])tfp_[A-Za-z0-9_.=-]{59}(?![A-Za-z0-9_.=-])")]
    private static partial Regex Typeform();

    [GeneratedRegex("(?<![A-Za-z0-9_-])fio-u-[A-Za-z0-9_=-]{64}(?![A-Za-z0-9_=-])")]
    private static partial Regex FrameIo();

    [GeneratedRegex("(?<![A-Za-z0-9_-])rdme_[a-z0-9]{70}(?![A-Za-z0-9_-])")]
    private static partial Regex ReadMe();

    [GeneratedRegex("(?<![A-Za-z0-9_-])pnu_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])")]
    private static partial Regex Prefect();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}(?![A-Za-z0-9_.-])")]
    private static partial Regex Harness();

    [GeneratedRegex("(?<![A-Za-z0-9_-])sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}(?![A-Za-z0-9_-])")]
    private static partial Regex Sourcegraph();

    [GeneratedRegex("(?<![A-Za-z0-9_-])ico-[A-Za-z0-9]{32}(?![A-Za-z0-9_-])")]
    private static partial Regex Infracost();

    [GeneratedRegex("(?<![A-Za-z0-9_-])p8e-[A-Za-z0-9]{32}(?![A-Za-z0-9_-])")]
    private static partial Regex Adobe();

    [GeneratedRegex("(?<![A-Za-z0-9_-])ops_eyJ[A-Za-z0-9+/]{250,}={0,3}(?![A-Za-z0-9+/=_-])")]
    private static partial Regex OnePasswordService();

    [GeneratedRegex(
        @"(?<![A-Za-z0-9-])A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})"
        + @"-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}(?![A-Za-z0-9-])")]
    private static partial Regex OnePasswordSecretKey();
}
