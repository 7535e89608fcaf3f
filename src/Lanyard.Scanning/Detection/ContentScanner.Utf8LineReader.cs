using System.Text;

namespace Lanyard.Scanning.Detection;

internal sealed partial class ContentScanner
{
    /// <summary>
    /// Splits UTF-8 bytes into lines and runs the byte-level keyword filter across them; only a line with
    /// a keyword (or one a pending multi-line block needs) is decoded into a string. The caller reads into
    /// <see cref="FreeSpace"/>; what is left over is the start of a line that continues in the next read.
    /// </summary>
    private sealed class Utf8LineReader(ContentScanner owner, FileState state, byte[] buffer)
    {
        private readonly KeywordFilter filter = owner.Engine.Filter;
        private readonly bool[] selected = new bool[owner.Engine.DetectorCount];
        private int count;
        private int lineNumber = 1;
        private int columnOffset;

        /// <summary>Where the next read goes: after the unfinished line, at least one chunk long.</summary>
        public Span<byte> FreeSpace => buffer.AsSpan(count, ByteChunk);

        /// <summary>Takes <paramref name="length"/> bytes that were read into <see cref="FreeSpace"/>.</summary>
        public void Append(int length, bool endOfInput)
        {
            count += length;
            var consumed = ProcessCompleteLines(endOfInput);
            Array.Copy(buffer, consumed, buffer, 0, count - consumed);
            count -= consumed;

            while (count >= MaxWindow)
            {
                // A line longer than a window: scan this window, keep an overlap for tokens on the seam.
                ProcessLine(buffer.AsSpan(0, CharBoundary(MaxWindow)), complete: false);
                var dropped = CharBoundary(MaxWindow - WindowOverlap);
                columnOffset += Encoding.UTF8.GetCharCount(buffer, 0, dropped);
                Array.Copy(buffer, dropped, buffer, 0, count - dropped);
                count -= dropped;
            }
        }

        private int ProcessCompleteLines(bool endOfInput)
        {
            var span = buffer.AsSpan(0, count);
            var limit = endOfInput ? count : span.LastIndexOf((byte)'\n') + 1;
            var pos = 0;
            while (pos < limit)
            {
                if (!state.HasPendingBlocks)
                {
                    var hit = filter.IndexOfAny(span[pos..limit]);
                    if (hit < 0)
                    {
                        SkipLines(span[pos..limit]);
                        return limit;
                    }

                    var lineStart = span[pos..(pos + hit)].LastIndexOf((byte)'\n');
                    if (lineStart >= 0)
                    {
                        SkipLines(span[pos..(pos + lineStart + 1)]);
                        pos += lineStart + 1;
                    }
                }

                var newline = span[pos..limit].IndexOf((byte)'\n');
                var end = newline < 0 ? limit : pos + newline;
                ProcessLine(span[pos..end].TrimEnd((byte)'\r'), complete: true);
                pos = newline < 0 ? limit : end + 1;
                if (newline >= 0)
                {
                    lineNumber++;
                    columnOffset = 0;
                }
            }

            return limit;
        }

        private void ProcessLine(ReadOnlySpan<byte> line, bool complete)
        {
            string? text = null;
            if (complete && state.HasPendingBlocks)
            {
                text = Encoding.UTF8.GetString(line);
                state.FeedPendingBlocks(text, lineNumber);
            }

            Array.Clear(selected);
            if (filter.SelectDetectors(line, selected))
            {
                text ??= Encoding.UTF8.GetString(line);
                owner.Engine.DetectLine(new LineContext(state, text, lineNumber, columnOffset), selected);
            }
        }

        private void SkipLines(ReadOnlySpan<byte> text)
        {
            var lines = text.Count((byte)'\n');
            if (lines > 0)
            {
                lineNumber += lines;
                columnOffset = 0;
            }
        }

        /// <summary>The nearest position at or before <paramref name="index"/> that starts a UTF-8 sequence.</summary>
        private int CharBoundary(int index)
        {
            var i = index;
            while (i > 0 && (buffer[i] & 0xC0) == 0x80)
            {
                i--;
            }

            return i == 0 ? index : i;
        }
    }
}
