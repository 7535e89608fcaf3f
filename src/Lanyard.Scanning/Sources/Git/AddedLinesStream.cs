using System.Globalization;

namespace Lanyard.Scanning.Sources.Git;

/// <summary>
/// The lines one file's diff adds, read straight from git's patch output as a stream of text, one hunk
/// after another with a blank line between hunks. <see cref="FileLine"/> maps a line of this stream
/// back to its line in the file at that commit, taken from the hunk headers. Plain diffs have one
/// prefix column; combined diffs of merges have one per parent, and a line counts as added there only
/// when it is new against every parent (a conflict resolution), since the rest came from commits
/// already scanned.
/// </summary>
internal sealed class AddedLinesStream(ByteLineReader reader) : Stream
{
    private readonly List<(int Stream, int File)> segments = [];
    private int columns;
    private int fileLine;
    private int streamLine;
    private bool inLine;
    private bool pendingSeparator;
    private bool finished;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The line in the file at this revision for a 1-based line of this stream.</summary>
    public int FileLine(int line)
    {
        var index = segments.FindLastIndex(s => s.Stream <= line);
        return index < 0 ? line : segments[index].File + (line - segments[index].Stream);
    }

    /// <summary>Reads past whatever the scanner left unread (a binary sniff stops early).</summary>
    public void Drain()
    {
        Span<byte> sink = stackalloc byte[4096];
        while (Read(sink) > 0)
        {
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && !finished)
        {
            if (inLine)
            {
                written += reader.CopyLine(buffer[written..], out var ended);
                inLine = !ended;
                continue;
            }

            if (pendingSeparator)
            {
                buffer[written++] = (byte)'\n';
                pendingSeparator = false;
                continue;
            }

            NextLine();
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Positions on the next added line, skipping removed and context lines; ends at a new file.</summary>
    private void NextLine()
    {
        var first = reader.Peek();
        if (first == '@')
        {
            BeginHunk(reader.ReadLine()!);
            return;
        }

        if (columns == 0 || first is not ('+' or '-' or ' ' or '\\'))
        {
            finished = true;
            return;
        }

        if (first == '\\')
        {
            reader.SkipLine();
            return;
        }

        bool added = true, inResult = true;
        for (var i = 0; i < columns; i++)
        {
            var c = reader.Peek(i);
            added &= c == '+';
            inResult &= c != '-';
        }

        if (!added)
        {
            reader.SkipLine();
            fileLine += inResult ? 1 : 0;
            return;
        }

        reader.Skip(columns);
        streamLine++;
        if (segments.Count == 0 || FileLine(streamLine) != fileLine)
        {
            segments.Add((streamLine, fileLine));
        }

        fileLine++;
        inLine = true;
    }

    /// <summary>Reads <c>@@ -a,b +c,d @@</c> (or <c>@@@ -a,b -c,d +e,f @@@</c> for a merge).</summary>
    private void BeginHunk(string header)
    {
        var ats = header.AsSpan().IndexOfAnyExcept('@');
        var plus = header.IndexOf(" +", StringComparison.Ordinal);
        if (ats < 2 || plus < 0)
        {
            finished = true;
            return;
        }

        var range = header.AsSpan(plus + 2);
        var stop = range.IndexOfAny(',', ' ');
        if (!int.TryParse(stop < 0 ? range : range[..stop], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            finished = true;
            return;
        }

        if (streamLine > 0)
        {
            // A blank line keeps multi-line detectors from joining two hunks that are far apart in the file.
            streamLine++;
            pendingSeparator = true;
        }

        columns = ats - 1;
        fileLine = start;
    }
}
