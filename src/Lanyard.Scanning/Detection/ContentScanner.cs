using System.Buffers;
using System.Text;

namespace Lanyard.Scanning.Detection;

/// <summary>
/// Scans one stream of text in bounded memory: the keyword prefilter skips every stretch of text
/// without a keyword (over raw bytes for UTF-8, over decoded chars for UTF-16), and only lines with a
/// keyword (or lines a pending multi-line block needs) are turned into strings. Lines longer than a
/// window are scanned in overlapping windows, so a minified 2 GB file costs no more memory than a
/// small one.
/// </summary>
internal sealed partial class ContentScanner(DetectionEngine engine, FindingOptions options)
{
    public const int SniffLength = 8192;

    private const int ByteChunk = 64 * 1024;
    private const int MaxWindow = 32 * 1024;
    private const int WindowOverlap = 1024;

    private DetectionEngine Engine => engine;

    public ContentScanResult Scan(Stream stream, string path, CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(ByteChunk + MaxWindow);
        try
        {
            var read = stream.ReadAtLeast(bytes.AsSpan(0, ByteChunk), SniffLength, throwOnEndOfStream: false);
            var (encoding, bomLength) = DetectEncoding(bytes.AsSpan(0, read));
            if (encoding is null)
            {
                return ContentScanResult.Binary(read);
            }

            var state = new FileState(path, engine);
            var total = encoding.CodePage == Encoding.UTF8.CodePage
                ? ScanUtf8(stream, bytes, read, bomLength, state, cancellationToken)
                : ScanDecoded(stream, bytes, read, bomLength, encoding, state, cancellationToken);
            state.AbandonPendingBlocks();
            return new ContentScanResult([.. CandidatePipeline.Finish(state.Candidates, path, options)], total, false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>UTF-8 text is filtered as bytes; see <see cref="Utf8LineReader"/>.</summary>
    private long ScanUtf8(
        Stream stream, byte[] bytes, int read, int bomLength, FileState state, CancellationToken cancellationToken)
    {
        Array.Copy(bytes, bomLength, bytes, 0, read - bomLength);
        var total = (long)read;
        var reader = new Utf8LineReader(this, state, bytes);
        reader.Append(read - bomLength, endOfInput: false);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            read = stream.Read(reader.FreeSpace);
            total += read;
            reader.Append(read, endOfInput: read == 0);
            if (read == 0)
            {
                return total;
            }
        }
    }

    /// <summary>UTF-16 text is decoded a chunk at a time and filtered as chars; see <see cref="LineReader"/>.</summary>
    private long ScanDecoded(
        Stream stream, byte[] bytes, int read, int bomLength, Encoding encoding, FileState state,
        CancellationToken cancellationToken)
    {
        var chars = ArrayPool<char>.Shared.Rent(ByteChunk + MaxWindow + 16);
        try
        {
            var total = (long)read;
            var reader = new LineReader(this, state, encoding.GetDecoder(), chars);
            reader.Decode(bytes, bomLength, read - bomLength, flush: false);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                read = stream.Read(bytes, 0, ByteChunk);
                total += read;
                if (read == 0)
                {
                    reader.Decode(bytes, 0, 0, flush: true);
                    return total;
                }

                reader.Decode(bytes, 0, read, flush: false);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// UTF-8 unless a byte-order mark says UTF-16; null for binary content (a NUL byte in the head
    /// of a file without a UTF-16 BOM).
    /// </summary>
    internal static (Encoding? Encoding, int BomLength) DetectEncoding(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return head[3..].Contains((byte)0) ? (null, 0) : (Encoding.UTF8, 3);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, 2);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode, 2);
        }

        return head.Contains((byte)0) ? (null, 0) : (Encoding.UTF8, 0);
    }

    private void ProcessLine(ReadOnlySpan<char> line, int lineNumber, int columnOffset, FileState state, bool complete)
    {
        string? text = null;
        if (complete && state.HasPendingBlocks)
        {
            text = new string(line);
            state.FeedPendingBlocks(text, lineNumber);
        }

        if (engine.HasKeyword(line))
        {
            text ??= new string(line);
            engine.DetectLine(new LineContext(state, text, lineNumber, columnOffset));
        }
    }
}
