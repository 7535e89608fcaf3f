using System.Text.RegularExpressions;

using Lanyard.Scanning.Filtering;
using Lanyard.Scanning.Formats;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Credentials in client configuration files: docker <c>config.json</c> <c>auths</c>, <c>.npmrc</c>
/// <c>_auth</c>/<c>_authToken</c>/<c>_password</c>, and <c>.netrc</c> passwords.
/// </summary>
internal sealed partial class RegistryAuthDetector : ISecretDetector
{
    public const string Name = "registry-auth";

    private static readonly SecretRule DockerAuth = new(
        "docker-config-auth", "docker-config-auth", "Base64 user:password in a docker config.json", Name) { Envelope = true };

    private static readonly SecretRule DockerIdentityToken = new(
        "docker-config-identity-token", "docker-config-auth", "Identity token in a docker config.json", Name);

    private static readonly SecretRule NpmrcAuth = new(
        "npmrc-auth", "npmrc-auth", "Credential in an .npmrc file", Name);

    private static readonly SecretRule NetrcPassword = new(
        "netrc-password", "generic-password", "Password in a .netrc file", Name);

    public string Family => Name;

    public IReadOnlyList<SecretRule> Rules { get; } = [DockerAuth, DockerIdentityToken, NpmrcAuth, NetrcPassword];

    public IReadOnlyList<string> Keywords { get; } = ["\"auth\"", "identitytoken", "_auth", "_password", "password"];

    public IReadOnlyList<string> CaseSensitiveKeywords { get; } = [];

    public void Detect(LineContext line)
    {
        foreach (Match match in DockerAuthPattern().Matches(line.Text))
        {
            if (IsUserAndPassword(match.Groups["s"].Value))
            {
                line.Report(DockerAuth, match.Groups["s"], Confidence.High, RulePriority.Structural);
            }
        }

        foreach (Match match in IdentityTokenPattern().Matches(line.Text))
        {
            ReportIfRandom(line, DockerIdentityToken, match.Groups["s"]);
        }

        foreach (Match match in NpmrcPattern().Matches(line.Text))
        {
            var value = match.Groups["s"];
            if (match.Groups["kind"].Value.Equals("_auth", StringComparison.Ordinal))
            {
                if (IsUserAndPassword(value.Value))
                {
                    line.Report(NpmrcAuth, value, Confidence.High, RulePriority.Structural);
                }
            }
            else
            {
                ReportIfRandom(line, NpmrcAuth, value);
            }
        }

        if (Path.GetFileName(line.File.Path.AsSpan()).EndsWith("netrc", StringComparison.OrdinalIgnoreCase))
        {
            foreach (Match match in NetrcPattern().Matches(line.Text))
            {
                ReportIfRandom(line, NetrcPassword, match.Groups["s"]);
            }
        }
    }

    private static bool IsUserAndPassword(string base64)
    {
        if (!Base64Text.TryDecodeText(base64, out var decoded))
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < decoded.Length - 1
            && !Placeholders.IsPlaceholderOrReference(decoded[(colon + 1)..]);
    }

    private static void ReportIfRandom(LineContext line, SecretRule rule, Group value)
    {
        if (value.Length >= 8 && !Placeholders.IsPlaceholderOrReference(value.Value)
            && ValueShape.Entropy(value.Value) >= 3.0)
        {
            line.Report(rule, value, Confidence.Medium, RulePriority.Structural);
        }
    }

    [GeneratedRegex(@"""auth""\s*:\s*""(?<s>[A-Za-z0-9+/]{6,}={0,2})""")]
    private static partial Regex DockerAuthPattern();

    [GeneratedRegex(@"""identitytoken""\s*:\s*""(?<s>[^""\s]{16,})""", RegexOptions.IgnoreCase)]
    private static partial Regex IdentityTokenPattern();

    [GeneratedRegex(@"(?:^|:)(?<kind>_auth|_authToken|_password)\s*=\s*[""']?(?<s>[^\s""']+)")]
    private static partial Regex NpmrcPattern();

    [GeneratedRegex(@"\bpassword\s+(?<s>\S+)")]
    private static partial Regex NetrcPattern();
}
