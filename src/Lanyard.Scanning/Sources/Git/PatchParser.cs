using System.Globalization;

namespace Lanyard.Scanning.Sources.Git;

/// <summary>
/// Walks git's patch output (<c>git log -p</c> or <c>git diff</c>): commit headers written by
/// <see cref="CommitFormat"/>, then per file a <c>diff</c> header and hunks. Each file with hunks is
/// handed out as a <see cref="PatchFile"/> whose added lines must be read before the walk moves on.
/// Binary files, pure renames and mode changes have no hunks and are passed over.
/// </summary>
internal sealed class PatchParser(Stream output)
{
    /// <summary>The <c>--format</c> that starts each commit: a 0x01 byte, then hash, author time, name, email.</summary>
    public const string CommitFormat = "--format=format:%x01%H%x00%at%x00%an%x00%ae";

    private const char CommitMarker = '\u0001';

    private readonly ByteLineReader reader = new(output);

    public IEnumerable<PatchFile> Files()
    {
        GitCommit? commit = null;
        string? path = null;
        while (!reader.AtEnd)
        {
            if (reader.Peek() == '@' && path is not null)
            {
                var added = new AddedLinesStream(reader);
                yield return new PatchFile(commit, path, added);
                added.Drain();
                path = null;
                continue;
            }

            var line = reader.ReadLine()!;
            if (line.StartsWith(CommitMarker))
            {
                commit = ParseCommit(line);
                path = null;
            }
            else if (line.StartsWith("diff ", StringComparison.Ordinal))
            {
                path = null;
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                path = NewPath(line.AsSpan(4));
            }
            else if (line.StartsWith('@'))
            {
                // Hunks of a file without a new side (a deletion) or whose header was not understood.
                SkipHunks();
            }
        }
    }

    /// <summary>The path on the <c>+++</c> line; null for <c>/dev/null</c>.</summary>
    internal static string? NewPath(ReadOnlySpan<char> field)
    {
        // git ends the name with a tab when it contains a space, so the line cannot be misread.
        field = field.TrimEnd('\t');
        var name = field.StartsWith('"') ? GitQuoting.Unquote(field) : field.ToString();
        return name.StartsWith("b/", StringComparison.Ordinal) ? name[2..] : null;
    }

    private static GitCommit ParseCommit(string line)
    {
        var fields = line[1..].Split('\0');
        var seconds = fields.Length > 1 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? s
            : 0;
        var author = fields.Length > 3 ? $"{fields[2]} <{fields[3]}>" : null;
        return new GitCommit(fields[0], DateTimeOffset.FromUnixTimeSeconds(seconds), author);
    }

    private void SkipHunks()
    {
        while (reader.Peek() is '+' or '-' or ' ' or '\\' or '@')
        {
            reader.SkipLine();
        }
    }
}
