namespace Lanyard.Scanning.Detection;

/// <summary>
/// The inline <c>lanyard:allow</c> marker: a finding whose line carries the marker inside a comment is
/// not reported. Comments are recognised by their opener, whatever the file's language:
/// <c>#</c>, <c>//</c>, <c>/* */</c>, <c>&lt;!-- --&gt;</c>, <c>--</c> and <c>;</c>. The marker in plain
/// text or in the middle of a value does not count, so a secret cannot hide behind it by accident.
/// </summary>
internal static class InlineAllow
{
    public const string Marker = "lanyard:allow";

    private static readonly string[] Openers = ["<!--", "/*", "//", "--", "#", ";"];

    /// <summary>Whether <paramref name="line"/> has the marker inside a comment.</summary>
    public static bool IsAllowed(ReadOnlySpan<char> line)
    {
        var offset = 0;
        while (true)
        {
            var at = line[offset..].IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            at += offset;
            var end = at + Marker.Length;
            if ((end == line.Length || !char.IsAsciiLetterOrDigit(line[end])) && IsInComment(line[..at]))
            {
                return true;
            }

            offset = end;
        }
    }

    /// <summary>Whether the text before the marker opens a comment that is still open where the marker starts.</summary>
    private static bool IsInComment(ReadOnlySpan<char> before)
    {
        for (var i = before.Length - 1; i >= 0; i--)
        {
            foreach (var opener in Openers)
            {
                if (before[i..].StartsWith(opener, StringComparison.Ordinal) && StartsComment(before, i, opener)
                    && !IsClosed(opener, before[(i + opener.Length)..]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// An opener starts a comment at the start of the line or after a character that cannot be part of a
    /// word, a URL scheme or an entity: so <c>https://</c>, <c>a--b</c>, <c>issue#12</c> and <c>&amp;amp;</c> do not.
    /// The dashes of <c>&lt;!--</c> and <c>--&gt;</c> are part of an XML comment's delimiters, not a comment of their own.
    /// </summary>
    private static bool StartsComment(ReadOnlySpan<char> text, int index, string opener)
    {
        if (opener == "--" && (text[(index + 2)..].StartsWith('>') || (index > 0 && text[index - 1] == '!')))
        {
            return false;
        }

        if (index == 0)
        {
            return true;
        }

        var previous = text[index - 1];
        return !char.IsAsciiLetterOrDigit(previous) && previous is not (':' or '/' or '-' or '#' or '&' or '_');
    }

    private static bool IsClosed(string opener, ReadOnlySpan<char> body) => opener switch
    {
        "/*" => body.Contains("*/", StringComparison.Ordinal),
        "<!--" => body.Contains("-->", StringComparison.Ordinal),
        _ => false,
    };
}
