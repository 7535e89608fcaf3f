using Lanyard.Core.Inventory;

namespace Lanyard.Discovery.Kubernetes;

/// <summary>
/// Decides from a secret's data key alone whether its value is a credential. Keys are split into
/// words (<c>DB_PASSWORD</c>, <c>admin-password</c>, <c>apiKey</c>); a word that names secret
/// material makes it one, unless the last word says the value is about a credential rather than
/// the credential itself (<c>PASSWORD_FILE</c>, <c>TOKEN_URL</c>, <c>SECRET_NAME</c>).
/// Configuration next to credentials (hosts, ports, user names, regions) names none of them.
/// </summary>
internal static class CredentialKeyNames
{
    /// <summary>Words that name secret material wherever they stand.</summary>
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "passphrase", "secret", "secrets", "token", "tokens", "apikey",
        "credential", "credentials", "creds", "privatekey", "accesskey", "secretkey", "webhook", "dsn",
        "htpasswd", "connectionstring", "pat",
    };

    /// <summary>Words that make a following <c>key</c> a secret key (<c>API_KEY</c>, <c>signing-key</c>).</summary>
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "private", "secret", "access", "signing", "sign", "encryption", "encrypt", "master", "hmac",
        "jwt", "session", "ssh", "license", "client", "app", "auth", "crypto", "aes", "gpg", "pgp",
        "service", "account", "admin", "root", "cookie", "csrf", "webhook", "deploy",
    };

    /// <summary>Last words that make the value a reference to, or a setting of, a credential.</summary>
    private static readonly HashSet<string> NotValueSuffixes = new(StringComparer.Ordinal)
    {
        "file", "path", "dir", "ref", "name", "names", "url", "uri", "endpoint", "host", "hostname", "port",
        "user", "username", "id", "ids", "type", "kind", "length", "ttl", "expiry", "expires", "expiration",
        "rotation", "enabled", "version", "policy", "hint", "header", "region", "arn", "count", "field",
        "format", "algorithm", "mode", "namespace",
    };

    private static readonly string[] KeyFileExtensions = [".key", ".p12", ".pfx", ".jks", ".keystore"];

    private static readonly string[] SshKeyFiles = ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"];

    /// <summary>The kind of credential under <paramref name="key"/>, or null when it is none.</summary>
    public static CredentialKind? Classify(string key)
    {
        if (IsPrivateKeyFile(key))
        {
            return CredentialKind.PrivateKey;
        }

        var words = KeyWords.Split(key);
        if (words.Count == 0)
        {
            return null;
        }

        var joined = string.Concat(words);
        if (joined.Contains("privatekey", StringComparison.Ordinal))
        {
            return CredentialKind.PrivateKey;
        }

        // A webhook URL carries its secret in the path; an access key id is matched to the cloud's key.
        if (words.Contains("webhook") || joined.EndsWith("accesskeyid", StringComparison.Ordinal))
        {
            return CredentialKind.Secret;
        }

        if (NotValueSuffixes.Contains(words[^1]))
        {
            return null;
        }

        return NamesSecret(words) ? CredentialKind.Secret : null;
    }

    private static bool NamesSecret(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (SecretWords.Contains(words[i]))
            {
                return true;
            }

            if (words[i] == "key" && (words.Count == 1 || (i > 0 && KeyQualifiers.Contains(words[i - 1]))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPrivateKeyFile(string key)
    {
        foreach (var extension in KeyFileExtensions)
        {
            if (key.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return SshKeyFiles.Any(f => string.Equals(key, f, StringComparison.OrdinalIgnoreCase));
    }
}
