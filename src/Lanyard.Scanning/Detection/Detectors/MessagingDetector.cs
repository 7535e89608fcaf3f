using System.Text.RegularExpressions;

using Lanyard.Scanning.Filtering;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>Mail, SMS and chat providers: Twilio, SendGrid, Mailgun, Mailchimp, Brevo, Telegram, Facebook, Discord, Teams.</summary>
internal sealed partial class MessagingDetector() : PatternDetector(Name,
[
    Token("twilio-api-key", "Twilio API key SID", TwilioApiKey(), "SK", Confidence.Medium, RandomHex),
    new PatternRule(
        new SecretRule("twilio-auth-token", "twilio-auth-token", "Twilio auth token", Name),
        TwilioAuthToken(), "twilio", Validate: RandomHex, KeywordIgnoresCase: true),
    Token("sendgrid-api-key", "SendGrid API key", SendGrid(), "SG."),
    Token("mailgun-api-key", "Mailgun API key", Mailgun(), "key-", Confidence.High, RandomHex),
    Token("mailchimp-api-key", "Mailchimp API key", Mailchimp(), "-us", Confidence.Medium, RandomHexPrefix),
    Token("brevo-api-key", "Brevo (Sendinblue) API key", Brevo(), "xkeysib-"),
    Token("telegram-bot-token", "Telegram bot token", Telegram(), ":AA", Confidence.Medium),
    Token("facebook-page-access-token", "Facebook page or system-user access token", FacebookPage(), "EAA"),
    Token("discord-webhook-url", "Discord webhook URL", Discord(), "/api/webhooks/"),
    Token("teams-webhook-url", "Microsoft Teams incoming webhook URL", Teams(), "webhook.office.com"),
])
{
    public const string Name = "messaging";

    private static PatternRule Token(
        string id, string description, Regex pattern, string keyword, Confidence confidence = Confidence.High,
        Func<string, Confidence?>? validate = null) =>
        new(new SecretRule(id, id, description, Name), pattern, keyword, confidence, validate);

    /// <summary>Hex secrets are checked for randomness so that runs like <c>0000...</c> are not reported.</summary>
    private static Confidence? RandomHex(string token) =>
        ValueShape.Entropy(token.AsSpan(token.Length - 32)) >= 3.0 ? Confidence.High : null;

    private static Confidence? RandomHexPrefix(string token) =>
        ValueShape.Entropy(token.AsSpan(0, 32)) >= 3.0 ? Confidence.Medium : null;

    [GeneratedRegex("(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])")]
    private static partial Regex TwilioApiKey();

    [GeneratedRegex(
        @"(?i)twilio[\w.\-]{0,20}?(?:auth|secret)[\w.\-]{0,20}?[""']?\s*(?:=|:|=>)\s*[""']?(?<s>[0-9a-f]{32})(?![0-9a-z])")]
    private static partial Regex TwilioAuthToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")]
    private static partial Regex SendGrid();

    [GeneratedRegex("(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9_-])")]
    private static partial Regex Mailgun();

    [GeneratedRegex("(?<![A-Za-z0-9_-])[0-9a-f]{32}-us[0-9]{1,2}(?![A-Za-z0-9_-])")]
    private static partial Regex Mailchimp();

    [GeneratedRegex("(?<![A-Za-z0-9_-])xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}(?![A-Za-z0-9_-])")]
    private static partial Regex Brevo();

    [GeneratedRegex("(?<![0-9A-Za-z])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])")]
    private static partial Regex Telegram();

    [GeneratedRegex("(?<![A-Za-z0-9_-])EAA[MC][A-Za-z0-9]{100,}(?![A-Za-z0-9_-])")]
    private static partial Regex FacebookPage();

    [GeneratedRegex(
        @"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,70}(?![A-Za-z0-9_-])")]
    private static partial Regex Discord();

    [GeneratedRegex(
        @"https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}"
        + @"/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36}(?:/[A-Za-z0-9_-]+)?")]
    private static partial Regex Teams();
}
