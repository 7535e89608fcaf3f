using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Google API keys, OAuth client secrets and Firebase Cloud Messaging server keys. Service-account key files are found by the private-key
/// detector, which recognises the escaped PEM in their <c>private_key</c> field.
/// </summary>
internal sealed partial class GoogleDetector() : PatternDetector(Name,
[
    Token("google-api-key", "Google API key", ApiKey(), "AIza"),
    Token("google-oauth-client-secret", "Google OAuth client secret", ClientSecret(), "GOCSPX-"),
    Token("firebase-cloud-messaging-key", "Firebase Cloud Messaging legacy server key", FcmServerKey(), ":APA91b"),
])
{
    public const string Name = "google";

    private static PatternRule Token(string id, string description, Regex pattern, string prefix) =>
        new(new SecretRule(id, id, description, Name), pattern, prefix);

    [GeneratedRegex("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])")]
    private static partial Regex ApiKey();

    [GeneratedRegex("(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])")]
    private static partial Regex ClientSecret();

    [GeneratedRegex("(?<![A-Za-z0-9_-])AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}(?![A-Za-z0-9_-])")]
    private static partial Regex FcmServerKey();
}
