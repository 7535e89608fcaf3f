using System.Buffers;
using System.Text;

namespace Lanyard.Scanning.Detection;

/// <summary>
/// Scans one stream of text in bounded memory: bytes are decoded a chunk at a time, the keyword
/// prefilter skips every stretch of text without a keyword, and only lines with a keyword (or lines a
/// pending multi-line block needs) are turned into strings. Lines longer than a window are scanned in
/// overlapping windows, so a minified 2 GB file costs no more memory than a small one.
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
        var bytes = ArrayPool<byte>.Shared.Rent(ByteChunk);
        var chars = ArrayPool<char>.Shared.Rent(ByteChunk + MaxWindow + 16);
        try
        {
            var read = stream.ReadAtLeast(bytes.AsSpan(0, ByteChunk), SniffLength, throwOnEndOfStream: false);
            var head = bytes.AsSpan(0, read);
            var (encoding, bomLength) = DetectEncoding(head);
            if (encoding is null)
            {
                return ContentScanResult.Binary(read);
            }

            var state = new FileState(path, engine);
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
                    break;
                }

                reader.Decode(bytes, 0, read, flush: false);
            }

            state.AbandonPendingBlocks();
            return new ContentScanResult([.. CandidatePipeline.Finish(state.Candidates, path, options)], total, false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
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
