using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Filtering;

/// <summary>
/// Values that stand in for a secret instead of being one: template variables, environment and
/// secret-store references, documentation placeholders, encrypted blobs.
/// </summary>
internal static partial class Placeholders
{
    private static readonly string[] PlaceholderWords =
    [
        "changeme", "change_me", "change-me", "changeit", "example", "placeholder", "dummy", "sample",
        "redacted", "your_", "your-", "yourkey", "yourtoken", "yoursecret", "yourpassword", "insert",
        "replace", "fixme", "todo", "notreal", "not-a-real", "not_a_real", "fake", "xxxx", "****",
        "....", "secret_here", "token_here", "key_here", "password_here", "<", ">",
    ];

    private static readonly HashSet<string> PlaceholderValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pass", "secret", "token", "apikey", "api_key", "api-key", "key", "test",
        "testing", "test123", "password123", "password1", "p@ssw0rd", "p@ssword", "passw0rd", "admin",
        "root", "null", "nil", "none", "undefined", "true", "false", "empty", "default", "string",
        "required", "optional", "hidden", "masked", "secret123", "mysecret", "mypassword", "foobar", "foo",
        "bar", "baz", "qwerty", "letmein", "guest", "demo", "local", "localhost", "username", "user",
    };

    /// <summary>True for values that are placeholders or references, never secrets themselves.</summary>
    public static bool IsPlaceholderOrReference(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0 || PlaceholderValues.Contains(trimmed))
        {
            return true;
        }

        if (ReferencePattern().IsMatch(trimmed) || TemplatePattern().IsMatch(trimmed))
        {
            return true;
        }

        foreach (var word in PlaceholderWords)
        {
            if (trimmed.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return ValueShape.IsMostlyOneCharacter(trimmed);
    }

    /// <summary>
    /// Checks that stay safe on provider tokens with random bodies: only loud markers, not words that a
    /// random string could contain by chance.
    /// </summary>
    public static bool IsObviousPlaceholderToken(string token) =>
        token.Contains("EXAMPLE", StringComparison.Ordinal)
        || token.Contains("XXXXXXXX", StringComparison.OrdinalIgnoreCase)
        || token.Contains("********", StringComparison.Ordinal)
        || token.Contains("00000000000", StringComparison.Ordinal)
        || token.Contains('<', StringComparison.Ordinal)
        || token.Contains("...", StringComparison.Ordinal)
        || ValueShape.IsMostlyOneCharacter(token);

    /// <summary>Environment, secret-store and code references: <c>os.environ[..]</c>, <c>vault:..</c>.</summary>
    [GeneratedRegex(
        @"^(?:\$[A-Za-z_{(]|%[A-Za-z_][\w]*%|@[A-Za-z_][\w.]*@?$|#\{|ENC\[|!vault|\$ANSIBLE_VAULT|vault:|vault://"
        + @"|op://|ref\+|sm://|gcp-secret|arn:aws:|awssecret|ssm:|secretsmanager:|keyvault:|@Microsoft\.KeyVault"
        + @"|akv://|azurekeyvault|(?:var|local|data|module|each)\.[A-Za-z_]|os\.environ|os\.getenv|getenv\("
        + @"|process\.env|System\.getenv|Environment\.GetEnvironmentVariable|ENV\[|env\(|secrets\.|inputs\."
        + @"|settings\.|config\.|\$\{\{)",
        RegexOptions.IgnoreCase)]
    private static partial Regex ReferencePattern();

    /// <summary>Template syntax anywhere in the value: <c>${X}</c>, <c>{{ x }}</c>, <c>&lt;x&gt;</c>, <c>%(x)s</c>.</summary>
    [GeneratedRegex(@"\$\{[^}]*\}|\{\{.*\}\}|\$\([^)]*\)|<[^>]*>|%\([^)]*\)s|\{[A-Za-z_][\w.-]*\}|^%s$|^\*+$")]
    private static partial Regex TemplatePattern();
}
