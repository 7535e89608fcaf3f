using System.Text;
using System.Text.RegularExpressions;

using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;

namespace Lanyard.Discovery.Kubernetes;

/// <summary>
/// Turns one Secret into the credentials it holds, by its type: a service-account token, registry
/// auth, a TLS certificate, or the values of generic secrets whose keys name a credential. Only
/// fingerprints are kept. Annotations are never read for values: kubectl's last-applied copy
/// repeats the data and is no separate credential.
/// </summary>
internal static partial class SecretReader
{
    public const string ServiceAccountToken = "kubernetes.io/service-account-token";
    public const string ServiceAccountNameAnnotation = "kubernetes.io/service-account.name";
    public const string TokenLastUsedLabel = "kubernetes.io/legacy-token-last-used";

    /// <summary>Types whose values are told apart by their key names.</summary>
    private static readonly HashSet<string> GenericTypes = new(StringComparer.Ordinal)
    {
        "Opaque", "kubernetes.io/basic-auth", "kubernetes.io/ssh-auth", "bootstrap.kubernetes.io/token",
    };

    public static IEnumerable<SecretCredential> Read(KubeObject secret, string fileName)
    {
        var type = secret.Item.OptionalString("type") ?? "Opaque";
        var data = SecretData.Read(secret.Item);

        return type switch
        {
            ServiceAccountToken => ReadToken(secret, data, fileName),
            "kubernetes.io/dockerconfigjson" => ReadWhole(secret, data, ".dockerconfigjson", fileName),
            "kubernetes.io/dockercfg" => ReadWhole(secret, data, ".dockercfg", fileName),
            "kubernetes.io/tls" => TlsSecretReader.Read(secret, data, fileName),
            _ when GenericTypes.Contains(type) => ReadGeneric(secret, data, fileName),

            // Helm release records and other controllers' types hold state, not credentials.
            _ => [],
        };
    }

    public static DiscoveredCredential Credential(
        KubeObject secret, string key, CredentialKind kind, string fileName, DateTimeOffset? createdAt = null) =>
        new(
            $"kubernetes/secret/{secret.Namespace}/{secret.Name}/{key}",
            $"Secret {secret.FullName} key {key}",
            kind,
            $"kubernetes Secret {secret.FullName} key {key} ({fileName})")
        {
            OwnerStated = true,
            OwnerName = secret.OwnerLabel,
            State = CredentialState.Active,
            CreatedAt = createdAt ?? secret.CreatedAt,
            UsageTracked = false,
        };

    /// <summary>The token of a service account; it belongs to that account, whose owner is its owner.</summary>
    private static IEnumerable<SecretCredential> ReadToken(KubeObject secret, SecretData data, string fileName)
    {
        if (!data.TryGet("token", out var token, out _))
        {
            // The token controller has not filled it in yet: there is nothing to hold.
            return [];
        }

        var lastUsed = LastUsed(secret);
        var credential = Credential(secret, "token", CredentialKind.ServiceAccountToken, fileName) with
        {
            Fingerprint = Fingerprints.OfValue(token),
            ExpiresAt = JwtExpiry.Read(token),
            LastUsedAt = lastUsed,
            UsageTracked = lastUsed is not null,
        };

        var serviceAccount = secret.Annotations.GetValueOrDefault(ServiceAccountNameAnnotation);
        var identityKey = string.IsNullOrEmpty(serviceAccount)
            ? null
            : ServiceAccountReader.ExternalKey(secret.Namespace, serviceAccount);
        return [new SecretCredential(credential with { IdentityExternalKey = identityKey }, secret.OwnerLabel)];
    }

    /// <summary>Kubernetes records the day a legacy token was last used in a label, if it tracks use.</summary>
    private static DateTimeOffset? LastUsed(KubeObject secret)
    {
        if (!secret.Labels.TryGetValue(TokenLastUsedLabel, out var day))
        {
            return null;
        }

        return IsoDates.TryParseDay(day, out var date)
            ? date
            : throw new ImportException(
                secret.Item.File,
                $"{secret.Item.Path}.metadata.labels[\"{TokenLastUsedLabel}\"]",
                $"{TokenLastUsedLabel} must be a date (YYYY-MM-DD)");
    }

    private static IEnumerable<SecretCredential> ReadWhole(
        KubeObject secret, SecretData data, string key, string fileName)
    {
        if (!data.TryGet(key, out var value, out _))
        {
            return [];
        }

        var credential = Credential(secret, key, CredentialKind.RegistryAuth, fileName) with
        {
            Fingerprint = Fingerprints.OfValue(value),
        };
        return [new SecretCredential(credential, null)];
    }

    private static List<SecretCredential> ReadGeneric(KubeObject secret, SecretData data, string fileName)
    {
        var credentials = new List<SecretCredential>();
        foreach (var key in data.Keys)
        {
            if (CredentialKeyNames.Classify(key) is not { } kind || !data.TryGet(key, out var value, out _))
            {
                continue;
            }

            var credential = Credential(secret, key, kind, fileName) with { Fingerprint = Fingerprints.OfValue(value) };

            // An AWS access key id is public and is the same string IAM lists, so it is kept as a
            // key id too and its fingerprint matches the IAM key's.
            var text = Encoding.UTF8.GetString(value).Trim();
            if (AwsAccessKeyId().IsMatch(text))
            {
                credential = credential with
                {
                    Kind = CredentialKind.AccessKey,
                    KeyId = text,
                    Fingerprint = Fingerprints.OfText(text),
                };
            }

            credentials.Add(new SecretCredential(credential, null));
        }

        return credentials;
    }

    [GeneratedRegex("^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex AwsAccessKeyId();
}
