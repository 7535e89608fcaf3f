using System.Text;
using System.Text.RegularExpressions;

namespace Lanyard.Core.Policy;

/// <summary>
/// A glob over names. <c>*</c> matches any run of characters within one segment (a DNS label or
/// a path segment), <c>**</c> matches across segments; every other character matches itself.
/// DNS names compare without regard to case, everything else exactly.
/// </summary>
public sealed class NamePattern
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex _regex;

    private NamePattern(string text, Regex regex)
    {
        Text = text;
        _regex = regex;
    }

    public string Text { get; }

    public bool Matches(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _regex.IsMatch(name);
    }

    public override string ToString() => Text;

    /// <summary>An identity name pattern: <c>*</c> matches any characters.</summary>
    public static NamePattern? IdentityName(string text, out string? problem) =>
        Create(text, separator: null, ignoreCase: false, IdentityCharacters, "an identity name", out problem);

    /// <summary>A SPIFFE ID path pattern such as <c>/payments/*</c>; <c>*</c> stays within one segment.</summary>
    public static NamePattern? SpiffePath(string text, out string? problem)
    {
        if (!text.StartsWith('/'))
        {
            problem = $"'{text}' is not a SPIFFE path pattern: it must start with '/'";
            return null;
        }

        if (text.Contains("//", StringComparison.Ordinal) || (text.Length > 1 && text.EndsWith('/')))
        {
            problem = $"'{text}' is not a SPIFFE path pattern: segments may not be empty";
            return null;
        }

        return Create(text, '/', ignoreCase: false, PathCharacters, "a SPIFFE path", out problem);
    }

    /// <summary>A DNS name pattern such as <c>*.payments.internal</c>; <c>*</c> stays within one label.</summary>
    public static NamePattern? DnsName(string text, out string? problem)
    {
        if (text.Length > 253 || text.Split('.').Any(label => label.Length is 0 or > 63))
        {
            problem = $"'{text}' is not a DNS name pattern: labels are 1 to 63 characters, separated by single dots";
            return null;
        }

        return Create(text, '.', ignoreCase: true, DnsCharacters, "a DNS name", out problem);
    }

    /// <summary>An OAuth2 scope pattern such as <c>payments:*</c>; <c>*</c> matches any characters.</summary>
    public static NamePattern? Scope(string text, out string? problem) =>
        Create(text, separator: null, ignoreCase: false, ScopeCharacters, "an OAuth2 scope", out problem);

    private static NamePattern? Create(
        string text, char? separator, bool ignoreCase, Func<char, bool> allowed, string what, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 255)
        {
            problem = $"a pattern for {what} is 1 to 255 characters";
            return null;
        }

        if (text.Contains("***", StringComparison.Ordinal))
        {
            problem = $"'{text}' is not a valid pattern: use '*' or '**', not '***'";
            return null;
        }

        if (text.FirstOrDefault(c => c != '*' && !allowed(c)) is var bad and not '\0')
        {
            problem = $"'{text}' is not a valid pattern for {what}: '{bad}' may not appear in one";
            return null;
        }

        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new NamePattern(text, new Regex(ToRegex(text, separator), options, MatchTimeout));
    }

    private static string ToRegex(string text, char? separator)
    {
        var one = separator is { } s ? $"[^{Regex.Escape(s.ToString())}]*" : ".*";
        var builder = new StringBuilder("^");
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '*')
            {
                builder.Append(Regex.Escape(text[i].ToString()));
            }
            else if (i + 1 < text.Length && text[i + 1] == '*')
            {
                builder.Append(".*");
                i++;
            }
            else
            {
                builder.Append(one);
            }
        }

        return builder.Append('$').ToString();
    }

    private static bool IdentityCharacters(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '/' or '-';

    private static bool PathCharacters(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/';

    private static bool DnsCharacters(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-';

    private static bool ScopeCharacters(char c) => c is >= '\x21' and <= '\x7e' and not '"' and not '\\';
}
