using System.Buffers;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Classifies assignment names by their words (<c>GF_SECURITY_ADMIN_PASSWORD</c>, <c>apiKeyHeader</c>):
/// the name must name a secret and must not name something about a secret (its header, file, id, hash).
/// </summary>
internal static class SecretNames
{
    private static readonly HashSet<string> PasswordWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "passphrase", "pass", "passcode", "cleartextpassword", "requirepass",
    };

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "secret", "token", "apikey", "credential", "credentials", "privatekey", "secretkey", "accesskey",
        "authkey", "clientsecret", "authtoken", "accesstoken", "refreshtoken", "bearer", "signingkey",
    };

    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "access", "secret", "private", "auth", "signing", "encryption", "master", "client", "app",
        "account", "shared", "webhook", "hmac", "jwt", "session", "license", "service", "admin", "subscription",
    };

    private static readonly HashSet<string> ExcludedLastWords = new(StringComparer.Ordinal)
    {
        "id", "ids", "name", "names", "header", "headers", "url", "uri", "urls", "endpoint", "path", "file",
        "filename", "dir", "type", "types", "length", "len", "size", "count", "prefix", "suffix", "format",
        "regex", "pattern", "field", "fields", "env", "var", "variable", "ref", "reference", "arn", "expiry",
        "expires", "expiration", "ttl", "timeout", "enabled", "required", "policy", "mode", "hash", "hashed",
        "digest", "sha", "sha256", "md5", "checksum", "fingerprint", "salt", "version", "label", "location",
        "store", "provider", "source", "param", "parameter", "stdin", "placeholder", "hint", "min", "max",
        "rule", "rules", "index", "column", "attr", "attribute", "input", "selector", "text", "message",
        "error", "prompt", "validator", "validation", "strength", "confirm", "confirmation", "manager",
        "service", "handler", "generator", "helper", "callback", "key", "keys", "secrets", "tokens", "at",
        "from", "ref", "lifetime", "age", "rotation", "created", "updated", "last", "exists", "set", "changed",
        "reset", "policy", "secure", "length", "algorithm", "alg", "kind", "usage", "scope", "scopes",
    };

    private static readonly HashSet<string> ExcludedFirstWords = new(StringComparer.Ordinal)
    {
        "existing", "is", "has", "use", "enable", "disable", "show", "hide", "no", "allow", "require",
        "min", "max", "get", "validate", "check", "forgot", "num", "mask", "masked", "public", "pub",
    };

    /// <summary>Words that mark a value as public by design, wherever they stand in the name.</summary>
    private static readonly HashSet<string> PublicWords = new(StringComparer.Ordinal)
    {
        "public", "publishable", "pub", "pubkey", "publickey",
    };

    /// <summary>A part of every password and secret word above: a name with none of them is no secret's name.</summary>
    private static readonly SearchValues<string> SecretWordParts = SearchValues.Create(
        ["pass", "pwd", "secret", "token", "key", "credential", "bearer"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Every word that makes a name a password's or a secret's.</summary>
    internal static IEnumerable<string> NamingWords => PasswordWords.Concat(SecretWords).Append("key");

    /// <summary>Whether a name has a part of some naming word: the cheap test before splitting it into words.</summary>
    internal static bool MayNameASecret(ReadOnlySpan<char> name) => name.ContainsAny(SecretWordParts);

    public static SecretNameKind Classify(string name)
    {
        if (!MayNameASecret(name))
        {
            return SecretNameKind.None;
        }

        var words = Split(name);
        if (words.Count == 0 || ExcludedFirstWords.Contains(words[0]) || words.Exists(PublicWords.Contains))
        {
            return SecretNameKind.None;
        }

        var last = words[^1];
        var joinedTail = words.Count > 1 ? words[^2] + last : last;
        if (ExcludedLastWords.Contains(last) && !(last == "key" && words.Count > 1))
        {
            return SecretNameKind.None;
        }

        if (PasswordWords.Contains(last) || PasswordWords.Contains(joinedTail))
        {
            return SecretNameKind.Password;
        }

        if (SecretWords.Contains(last) || SecretWords.Contains(joinedTail))
        {
            return SecretNameKind.Secret;
        }

        if (last == "key")
        {
            return KeyQualifiers.Contains(words[^2]) ? SecretNameKind.Secret : SecretNameKind.WeakKey;
        }

        return SecretNameKind.None;
    }

    /// <summary>Lowercase words of a name split at separators and camelCase humps.</summary>
    internal static List<string> Split(string name)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var c = i < name.Length ? name[i] : '_';
            var boundary = !char.IsAsciiLetterOrDigit(c)
                || (start >= 0 && char.IsAsciiLetterUpper(c) && i > 0 && char.IsAsciiLetterLower(name[i - 1]));
            if (boundary && start >= 0)
            {
                words.Add(name[start..i].ToLowerInvariant());
                start = -1;
            }

            if (start < 0 && char.IsAsciiLetterOrDigit(c))
            {
                start = i;
            }
        }

        return words;
    }
}
