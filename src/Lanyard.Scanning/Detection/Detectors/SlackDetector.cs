using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>Slack bot, user, app and configuration tokens, and incoming-webhook URLs.</summary>
internal sealed partial class SlackDetector() : PatternDetector(Name,
[
    Token("slack-bot-token", "Slack bot token", Bot(), "xoxb-"),
    Token("slack-user-token", "Slack user token", User(), "xoxp-"),
    Token("slack-app-token", "Slack app-level token", App(), "xapp-"),
    Token("slack-config-token", "Slack configuration access token", Config(), "xoxe.xox"),
    Token("slack-config-refresh-token", "Slack configuration refresh token", ConfigRefresh(), "xoxe-"),
    Token("slack-legacy-token", "Slack legacy workspace or bot token", Legacy(), "xox"),
    Token("slack-webhook-url", "Slack incoming webhook URL", Webhook(), "hooks.slack.com"),
])
{
    public const string Name = "slack";

    private static PatternRule Token(string id, string description, Regex pattern, string prefix) =>
        new(new SecretRule(id, id, description, Name), pattern, prefix);

    [GeneratedRegex("(?<![A-Za-z0-9_-])xoxb-[0-9]{9,13}-[0-9]{9,13}-[A-Za-z0-9]{24,34}(?![A-Za-z0-9_-])")]
    private static partial Regex Bot();

    [GeneratedRegex("(?<![A-Za-z0-9_-])xoxp-[0-9]{9,13}-[0-9]{9,13}-[0-9]{9,13}-[a-f0-9]{32}(?![A-Za-z0-9_-])")]
    private static partial Regex User();

    [GeneratedRegex("(?<![A-Za-z0-9_-])xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[a-f0-9]{64}(?![A-Za-z0-9_-])")]
    private static partial Regex App();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])xoxe\.xox[bp]-[0-9]-[A-Z0-9]{150,170}(?![A-Za-z0-9_-])")]
    private static partial Regex Config();

    [GeneratedRegex("(?<![A-Za-z0-9_.-])xoxe-[0-9]-[A-Z0-9]{146}(?![A-Za-z0-9_-])")]
    private static partial Regex ConfigRefresh();

    [GeneratedRegex("(?<![A-Za-z0-9_-])xox[aors]-[0-9]{9,13}-[0-9]{9,13}(?:-[0-9]{9,13})?-[a-f0-9]{32}(?![A-Za-z0-9_-])")]
    private static partial Regex Legacy();

    [GeneratedRegex(
        "https://hooks\\.slack\\.com/(?:services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}"
        + "|(?:workflows|triggers)/T[A-Z0-9]{6,12}/A[A-Z0-9]{6,12}/[0-9]{10,20}/[A-Za-z0-9]{20,32})(?![A-Za-z0-9])")]
    private static partial Regex Webhook();
}
