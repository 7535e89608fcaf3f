namespace Lanyard.Core.Policy;

/// <summary>The policy file's name of each credential kind, and the hard limits no policy can lift.</summary>
public static class PolicyKinds
{
    private static readonly Dictionary<PolicyCredentialKind, (string Name, TimeSpan Ceiling)> Facts = new()
    {
        [PolicyCredentialKind.ApiKey] = ("api-key", TimeSpan.FromDays(366)),
        [PolicyCredentialKind.ClientSecret] = ("client-secret", TimeSpan.FromDays(366)),
        [PolicyCredentialKind.AccessToken] = ("access-token", TimeSpan.FromHours(24)),
        [PolicyCredentialKind.X509Svid] = ("x509-svid", TimeSpan.FromDays(397)),
        [PolicyCredentialKind.JwtSvid] = ("jwt-svid", TimeSpan.FromHours(24)),
        [PolicyCredentialKind.TlsCertificate] = ("tls-certificate", TimeSpan.FromDays(397)),
    };

    public static IReadOnlyList<PolicyCredentialKind> All { get; } = Enum.GetValues<PolicyCredentialKind>();

    public static string Name(PolicyCredentialKind kind) => Facts[kind].Name;

    /// <summary>The longest lifetime Lanyard issues a credential of this kind with, whatever the policy.</summary>
    public static TimeSpan Ceiling(PolicyCredentialKind kind) => Facts[kind].Ceiling;

    /// <summary>API keys and client secrets: the kinds the lifecycle worker rotates.</summary>
    public static bool IsRotated(PolicyCredentialKind kind) =>
        kind is PolicyCredentialKind.ApiKey or PolicyCredentialKind.ClientSecret;

    public static bool TryParse(string name, out PolicyCredentialKind kind)
    {
        foreach (var (candidate, facts) in Facts)
        {
            if (string.Equals(facts.Name, name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
