using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Lanyard.Scanning.Detection;

/// <summary>
/// The keyword prefilter over raw UTF-8 bytes, so the text of a file is never decoded except on the few
/// lines that carry a keyword. Every keyword is indexed by its least common three-byte window (ASCII
/// case folded); a scan hashes the three bytes at each position with one multiplication, tests one bit
/// in a 16 KB table that stays in the L1 cache, and compares keywords only where a bit is set. Every
/// keyword occurrence sets off its window, so the filter never misses; a false alarm costs one comparison.
/// </summary>
internal sealed class KeywordFilter
{
    private const int HashBits = 17;
    private const uint Fold = 0x2020_2020u;
    private const uint HashMultiplier = 0x9E37_79B1u;

    /// <summary>The first three bytes of a little- or big-endian 32-bit read.</summary>
    private static readonly uint ThreeByteMask = BitConverter.IsLittleEndian ? 0x00FF_FFFFu : 0xFFFF_FF00u;

    private readonly ulong[] table = new ulong[(1 << HashBits) / 64];
    private readonly int[] bucketStart = new int[(1 << HashBits) + 1];
    private readonly Window[] windows;
    private readonly Keyword[] keywords;

    /// <param name="keywords">Each keyword with whether it ignores case and the detectors it selects.</param>
    public KeywordFilter(IEnumerable<(string Text, bool IgnoreCase, int Detector)> keywords)
    {
        var merged = new Dictionary<(string, bool), List<int>>();
        foreach (var (text, ignoreCase, detector) in keywords)
        {
            if (text.Length < 2 || !Ascii.IsValid(text))
            {
                throw new ArgumentException(
                    $"Detector keyword '{text}' must be ASCII and at least two characters long.");
            }

            var key = (ignoreCase ? text.ToLowerInvariant() : text, ignoreCase);
            if (!merged.TryGetValue(key, out var detectors))
            {
                merged[key] = detectors = [];
            }

            if (!detectors.Contains(detector))
            {
                detectors.Add(detector);
            }
        }

        this.keywords =
            [.. merged.Select(m => new Keyword(Encoding.ASCII.GetBytes(m.Key.Item1), m.Key.Item2, [.. m.Value]))];
        var all = new List<Window>();
        for (var i = 0; i < this.keywords.Length; i++)
        {
            all.AddRange(WindowsOf(this.keywords[i].Bytes, i));
        }

        windows = [.. all.DistinctBy(w => (w.Key, w.Keyword, w.Offset)).OrderBy(w => Hash(w.Key))];
        foreach (var window in windows)
        {
            var hash = Hash(window.Key);
            table[hash >> 6] |= 1UL << (int)(hash & 63);
            bucketStart[hash + 1]++;
        }

        for (var i = 1; i < bucketStart.Length; i++)
        {
            bucketStart[i] += bucketStart[i - 1];
        }
    }

    /// <summary>
    /// The start of a keyword in the first line of <paramref name="text"/> that has one, or -1. Where keywords
    /// overlap, the one reported is not necessarily the leftmost.
    /// </summary>
    public int IndexOfAny(ReadOnlySpan<byte> text) => Scan(text, selected: default);

    /// <summary>Marks the detectors whose keywords occur in <paramref name="line"/>; true if any does.</summary>
    public bool SelectDetectors(ReadOnlySpan<byte> line, Span<bool> selected) => Scan(line, selected) >= 0;

    /// <summary>
    /// Tests the windows at every position. Without a selection, stops at the first keyword found; with one,
    /// goes on to the end and marks the detectors of every keyword.
    /// </summary>
    private int Scan(ReadOnlySpan<byte> text, Span<bool> selected)
    {
        ref var start = ref MemoryMarshal.GetReference(text);
        ref var bits = ref MemoryMarshal.GetArrayDataReference(table);
        var found = -1;
        var fast = text.Length - 3;
        for (var p = 0; p < fast; p++)
        {
            var value = (Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, p)) | Fold) & ThreeByteMask;
            var hash = Hash(value);

            // A shift of a ulong uses the count's low six bits: the bit within the table entry.
            if (((Unsafe.Add(ref bits, (int)(hash >> 6)) >> (int)hash) & 1) != 0
                && VerifyAt(text, p, value, selected) is >= 0 and var keyword)
            {
                if (selected.IsEmpty)
                {
                    return keyword;
                }

                found = keyword;
            }
        }

        for (var p = Math.Max(fast, 0); p < text.Length; p++)
        {
            var value = TailValue(text, p);
            if (IsSet(value) && VerifyAt(text, p, value, selected) is >= 0 and var keyword)
            {
                if (selected.IsEmpty)
                {
                    return keyword;
                }

                found = keyword;
            }
        }

        return found;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint key) => (key * HashMultiplier) >> (32 - HashBits);

    private bool IsSet(uint key)
    {
        var hash = Hash(key);
        return (table[hash >> 6] & (1UL << (int)(hash & 63))) != 0;
    }

    private static uint TailValue(ReadOnlySpan<byte> text, int p)
    {
        Span<byte> tail = stackalloc byte[4];
        tail.Clear();
        text[p..Math.Min(text.Length, p + 4)].CopyTo(tail);
        return (MemoryMarshal.Read<uint>(tail) | Fold) & ThreeByteMask;
    }

    /// <summary>
    /// Compares the keywords indexed under the windows at <paramref name="p"/>. Without a selection, returns
    /// the start of the first keyword found; with one, marks the detectors of every keyword found.
    /// </summary>
    private int VerifyAt(ReadOnlySpan<byte> text, int p, uint value, Span<bool> selected)
    {
        var found = -1;
        var hash = Hash(value);
        for (var i = bucketStart[hash]; i < bucketStart[hash + 1]; i++)
        {
            var window = windows[i];
            var start = p - window.Offset;
            if (window.Key != value || start < 0 || !keywords[window.Keyword].OccursAt(text, start))
            {
                continue;
            }

            if (selected.IsEmpty)
            {
                return start;
            }

            foreach (var detector in keywords[window.Keyword].Detectors)
            {
                selected[detector] = true;
            }

            found = start;
        }

        return found;
    }

    /// <summary>
    /// The windows that index a keyword: its least common three bytes, or for a two-byte keyword, the
    /// keyword with every byte that can follow it.
    /// </summary>
    private static IEnumerable<Window> WindowsOf(byte[] keyword, int index)
    {
        if (keyword.Length == 2)
        {
            for (var next = 0; next < 256; next++)
            {
                yield return new Window(KeyOf([keyword[0], keyword[1], (byte)next]), index, 0);
            }

            yield break;
        }

        var best = 0;
        for (var offset = 1; offset + 3 <= keyword.Length; offset++)
        {
            if (Commonness(keyword.AsSpan(offset, 3)) < Commonness(keyword.AsSpan(best, 3)))
            {
                best = offset;
            }
        }

        yield return new Window(KeyOf(keyword.AsSpan(best, 3)), index, best);
    }

    /// <summary>Three bytes as the scan reads them: a 32-bit read with its fourth byte masked, case folded.</summary>
    private static uint KeyOf(ReadOnlySpan<byte> three)
    {
        Span<byte> four = [three[0], three[1], three[2], 0];
        return (MemoryMarshal.Read<uint>(four) | Fold) & ThreeByteMask;
    }

    /// <summary>How often a window is expected in source code: the product of rough byte frequencies.</summary>
    private static double Commonness(ReadOnlySpan<byte> window)
    {
        var score = 1.0;
        foreach (var b in window)
        {
            var c = (char)(b | 0x20);
            score *= c switch
            {
                'e' or 't' or 'a' or 'o' or 'i' or 'n' or 's' or 'r' => 8,
                'l' or 'c' or 'd' or 'u' or 'p' or 'm' or 'h' or '(' or ')' or '"' or '.' or '\u007f' => 4,
                'f' or 'g' or 'b' or 'y' or 'w' or '=' or ',' or ';' => 3,
                _ when b == ' ' => 16,
                'v' or 'k' or ':' or '/' or '-' or '\'' => 2,
                _ => 1,
            };
        }

        return score;
    }

    /// <param name="Key">The folded window bytes as read at the window's position (three-byte keys masked).</param>
    /// <param name="Keyword">The index of the keyword in <see cref="keywords"/>.</param>
    /// <param name="Offset">Where the window starts in the keyword.</param>
    private readonly record struct Window(uint Key, int Keyword, int Offset);

    private sealed record Keyword(byte[] Bytes, bool IgnoreCase, int[] Detectors)
    {
        public bool OccursAt(ReadOnlySpan<byte> text, int start)
        {
            if (start + Bytes.Length > text.Length)
            {
                return false;
            }

            var candidate = text.Slice(start, Bytes.Length);
            return IgnoreCase ? Ascii.EqualsIgnoreCase(candidate, Bytes) : candidate.SequenceEqual(Bytes);
        }
    }
}
