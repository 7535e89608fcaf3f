using System.Text.RegularExpressions;

using Lanyard.Scanning.Filtering;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Decides whether a value assigned to a secret-sounding name is itself a secret: random enough, shaped
/// like a credential, and not a placeholder, reference, hash, identifier, path or prose.
/// </summary>
internal static partial class GenericValueGate
{
    public static Confidence? Evaluate(string raw, SecretNameKind kind, bool quoted, FileFormat format)
    {
        var value = raw.Trim();
        if (value.Length is < 8 or > 300 || IsNotASecret(value, quoted, format))
        {
            return null;
        }

        var entropy = ValueShape.Entropy(value);
        var classes = ValueShape.CharacterClasses(value);
        var accepted = kind switch
        {
            SecretNameKind.Password =>
                (classes >= 3 && entropy >= 2.8)
                || (classes == 2 && ValueShape.HasDigit(value) && entropy >= 3.0 && value.Length >= 10),
            SecretNameKind.Secret =>
                (value.Length >= 16 && entropy >= 3.2 && classes >= 2)
                || (value.Length >= 12 && entropy >= 3.0 && classes >= 3),
            SecretNameKind.WeakKey => value.Length >= 20 && entropy >= 3.5 && classes >= 3,
            _ => false,
        };

        return accepted ? Confidence.Medium : null;
    }

    private static bool IsNotASecret(string value, bool quoted, FileFormat format)
    {
        // Unquoted in YAML, a leading '!', '|', '>', '&' or '*' is syntax (tag, block, anchor, alias); quoted,
        // or in a dotenv or properties file, it is the first character of the value.
        var yamlSyntax = !quoted && format is FileFormat.Yaml or FileFormat.Text;
        if (value.ContainsAny(' ', '\t') || (yamlSyntax && value[0] is '!' or '|' or '>' or '&' or '*'))
        {
            return true;
        }

        if (Placeholders.IsPlaceholderOrReference(value) || ValueShape.IsKnownHashFormat(value)
            || ValueShape.IsUuid(value) || ValueShape.IsWordLike(value))
        {
            return true;
        }

        if (value.Contains("://", StringComparison.Ordinal) || PathOrFilePattern().IsMatch(value)
            || EmailPattern().IsMatch(value) || !HasLetter(value))
        {
            return true;
        }

        // Unquoted in a config file, a call or a dotted path of words (random_password.db.result) is an
        // expression, not a literal; a random value that happens to hold a dot is still a literal.
        return !quoted && (CallPattern().IsMatch(value) || (DottedNamePattern().IsMatch(value) && ValueShape.IsWordLike(value)));
    }

    private static bool HasLetter(ReadOnlySpan<char> value) =>
        value.IndexOfAnyInRange('a', 'z') >= 0 || value.IndexOfAnyInRange('A', 'Z') >= 0;

    [GeneratedRegex(
        @"^(?:/|\./|\.\./|~/|[A-Za-z]:\\|\\\\)|\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|conf|ini|xml"
        + @"|properties|gpg|asc|der|pub)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex PathOrFilePattern();

    [GeneratedRegex(@"^[\w.+\-]+@[\w\-]+\.[\w.\-]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+$")]
    private static partial Regex DottedNamePattern();

    [GeneratedRegex(@"\(|\)$")]
    private static partial Regex CallPattern();
}
