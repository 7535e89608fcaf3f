using System.Text;
using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Sources;

/// <summary>One line of a .gitignore, compiled to a regular expression over '/'-separated relative paths.</summary>
internal sealed class GitIgnorePattern
{
    private readonly Regex regex;

    private GitIgnorePattern(Regex regex, bool negated, bool directoryOnly)
    {
        this.regex = regex;
        Negated = negated;
        DirectoryOnly = directoryOnly;
    }

    public bool Negated { get; }

    public bool DirectoryOnly { get; }

    public bool Matches(string relativePath, bool isDirectory) =>
        (!DirectoryOnly || isDirectory) && regex.IsMatch(relativePath);

    /// <summary>Parses a .gitignore line; null for blanks and comments.</summary>
    public static GitIgnorePattern? Parse(string line)
    {
        var text = line.TrimEnd('\r');
        if (!text.EndsWith("\\ ", StringComparison.Ordinal))
        {
            text = text.TrimEnd(' ');
        }

        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        var negated = text[0] == '!';
        if (negated || text.StartsWith("\\#", StringComparison.Ordinal) || text.StartsWith("\\!", StringComparison.Ordinal))
        {
            text = text[1..];
        }

        var directoryOnly = text.EndsWith('/');
        text = text.TrimEnd('/');
        if (text.Length == 0)
        {
            return null;
        }

        // A slash anywhere but the end anchors the pattern to the .gitignore's folder.
        var anchored = text.Contains('/', StringComparison.Ordinal);
        text = text.TrimStart('/');
        var pattern = new StringBuilder("^");
        if (!anchored)
        {
            pattern.Append("(?:.*/)?");
        }

        AppendGlob(pattern, text);
        pattern.Append("(?:/.*)?$");
        return new GitIgnorePattern(
            new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking),
            negated, directoryOnly);
    }

    private static void AppendGlob(StringBuilder pattern, string glob)
    {
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slashFollows = i + 2 < glob.Length && glob[i + 2] == '/';
                pattern.Append(slashFollows ? "(?:.*/)?" : ".*");
                i += slashFollows ? 2 : 1;
            }
            else if (c == '*')
            {
                pattern.Append("[^/]*");
            }
            else if (c == '?')
            {
                pattern.Append("[^/]");
            }
            else if (c == '[' && glob.IndexOf(']', i + 1) is var close && close > i + 1)
            {
                var body = glob[(i + 1)..close];
                pattern.Append('[').Append(body[0] == '!' ? "^" + Regex.Escape(body[1..]) : Regex.Escape(body)).Append(']');
                i = close;
            }
            else if (c == '\\' && i + 1 < glob.Length)
            {
                pattern.Append(Regex.Escape(glob[++i].ToString()));
            }
            else
            {
                pattern.Append(Regex.Escape(c.ToString()));
            }
        }
    }
}
