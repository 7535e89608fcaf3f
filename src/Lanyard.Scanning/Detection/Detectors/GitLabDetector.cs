using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>GitLab tokens, all recognisable by their <c>gl*-</c> prefixes.</summary>
internal sealed partial class GitLabDetector() : PatternDetector(Name,
[
    Token("gitlab-pat", "GitLab personal, project or group access token", Pat(), "glpat-"),
    Token("gitlab-deploy-token", "GitLab deploy token", Deploy(), "gldt-"),
    Token("gitlab-pipeline-trigger-token", "GitLab pipeline trigger token", Trigger(), "glptt-"),
    Token("gitlab-runner-token", "GitLab runner authentication token", Runner(), "glrt-"),
    Token("gitlab-runner-registration-token", "GitLab runner registration token", Registration(), "GR1348941"),
    Token("gitlab-oauth-app-secret", "GitLab OAuth application secret", OAuthSecret(), "gloas-"),
    Token("gitlab-feed-token", "GitLab feed token", Feed(), "glft-"),
    Token("gitlab-scim-token", "GitLab SCIM OAuth token", Scim(), "glsoat-"),
    Token("gitlab-ci-job-token", "GitLab CI/CD job token", JobToken(), "glcbt-"),
    Token("gitlab-incoming-mail-token", "GitLab incoming email token", IncomingMail(), "glimt-"),
    Token("gitlab-feature-flag-token", "GitLab feature flag client token", FeatureFlag(), "glffct-"),
    Token("gitlab-agent-token", "GitLab agent for Kubernetes token", Agent(), "glagent-"),
])
{
    public const string Name = "gitlab";

    private static PatternRule Token(string id, string description, Regex pattern, string prefix) =>
        new(new SecretRule(id, id, description, Name), pattern, prefix);

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}(?:\.[0-9a-z]{2}\.[0-9a-z]{9})?(?![A-Za-z0-9_.-])")]
    private static partial Regex Pat();

    [GeneratedRegex("(?<![A-Za-z0-9_-])gldt-[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])")]
    private static partial Regex Deploy();

    [GeneratedRegex("(?<![A-Za-z0-9_-])glptt-[0-9a-f]{40}(?![A-Za-z0-9_-])")]
    private static partial Regex Trigger();

    [GeneratedRegex("(?<![A-Za-z0-9_-])glrt-[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])")]
    private static partial Regex Runner();

    [GeneratedRegex("(?<![A-Za-z0-9_-])GR1348941[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])")]
    private static partial Regex Registration();

    [GeneratedRegex("(?<![A-Za-z0-9_-])gloas-[0-9a-f]{64}(?![A-Za-z0-9_-])")]
    private static partial Regex OAuthSecret();

    [GeneratedRegex("(?<![A-Za-z0-9_-])glft-[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])")]
    private static partial Regex Feed();

    [GeneratedRegex("(?<![A-Za-z0-9_-])glsoat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])")]
    private static partial Regex Scim();

    [GeneratedRegex("(?<![A-Za-z0-9_-])glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])")]
    private static partial Regex JobToken();

    [GeneratedRegex("(?<![A-Za-z0-9_-])glimt-[A-Za-z0-9_-]{25}(?![A-Za-z0-9_-])")]
    private static partial Regex IncomingMail();

    [GeneratedRegex("(?<![A-Za-z0-9_-])glffct-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])")]
    private static partial Regex FeatureFlag();

    [GeneratedRegex("(?<![A-Za-z0-9_-])glagent-[A-Za-z0-9_-]{50,}(?![A-Za-z0-9_-])")]
    private static partial Regex Agent();
}
