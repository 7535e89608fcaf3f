using System.Text;

namespace Lanyard.Scanning.Detection;

internal sealed partial class ContentScanner
{
    /// <summary>Splits decoded chars into lines and drives the prefilter across them.</summary>
    private sealed class LineReader(ContentScanner owner, FileState state, Decoder decoder, char[] chars)
    {
        private int count;
        private int lineNumber = 1;
        private int columnOffset;

        public void Decode(byte[] bytes, int offset, int length, bool flush)
        {
            count += decoder.GetChars(bytes, offset, length, chars, count, flush);
            var consumed = ProcessCompleteLines(flush);
            Array.Copy(chars, consumed, chars, 0, count - consumed);
            count -= consumed;

            while (count >= MaxWindow)
            {
                // A line longer than a window: scan this window, keep an overlap for tokens on the seam.
                owner.ProcessLine(chars.AsSpan(0, MaxWindow), lineNumber, columnOffset, state, complete: false);
                var dropped = MaxWindow - WindowOverlap;
                Array.Copy(chars, dropped, chars, 0, count - dropped);
                count -= dropped;
                columnOffset += dropped;
            }
        }

        private int ProcessCompleteLines(bool endOfInput)
        {
            var span = chars.AsSpan(0, count);
            var limit = endOfInput ? count : span.LastIndexOf('\n') + 1;
            var pos = 0;
            var nextIgnoreCase = -1;
            var nextExact = -1;
            while (pos < limit)
            {
                if (!state.HasPendingBlocks)
                {
                    var hit = NextKeyword(span, pos, limit, ref nextIgnoreCase, ref nextExact);
                    if (hit < 0)
                    {
                        SkipLines(span[pos..limit]);
                        return limit;
                    }

                    var lineStart = span[pos..hit].LastIndexOf('\n');
                    if (lineStart >= 0)
                    {
                        SkipLines(span[pos..(pos + lineStart + 1)]);
                        pos += lineStart + 1;
                    }
                }

                var newline = span[pos..limit].IndexOf('\n');
                var end = newline < 0 ? limit : pos + newline;
                owner.ProcessLine(span[pos..end].TrimEnd('\r'), lineNumber, columnOffset, state, complete: true);
                pos = newline < 0 ? limit : end + 1;
                if (newline >= 0)
                {
                    lineNumber++;
                    columnOffset = 0;
                }
            }

            return limit;
        }

        private void SkipLines(ReadOnlySpan<char> text)
        {
            var lines = text.Count('\n');
            if (lines > 0)
            {
                lineNumber += lines;
                columnOffset = 0;
            }
        }

        /// <summary>
        /// The next keyword position at or after <paramref name="pos"/>. Each search's result is cached
        /// until passed, so a dense keyword set does not make the sparse one rescan the same text.
        /// </summary>
        private int NextKeyword(ReadOnlySpan<char> span, int pos, int limit, ref int ignoreCase, ref int exact)
        {
            if (ignoreCase != int.MaxValue && ignoreCase < pos)
            {
                var i = span[pos..limit].IndexOfAny(owner.Engine.AnyKeyword);
                ignoreCase = i < 0 ? int.MaxValue : pos + i;
            }

            if (exact != int.MaxValue && exact < pos)
            {
                var i = span[pos..limit].IndexOfAny(owner.Engine.AnyCaseSensitiveKeyword);
                exact = i < 0 ? int.MaxValue : pos + i;
            }

            var hit = Math.Min(ignoreCase, exact);
            return hit == int.MaxValue ? -1 : hit;
        }
    }
}
