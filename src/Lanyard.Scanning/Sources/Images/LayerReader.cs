using System.Formats.Tar;
using System.IO.Compression;

using ZstdSharp;

namespace Lanyard.Scanning.Sources.Images;

/// <summary>
/// Reads one layer: gzip, zstd or plain tar, told apart by magic bytes rather than by the media type,
/// which tools get wrong. Every regular file is scanned, through the archive member budget and opened
/// when it is itself an archive. Whiteout markers (<c>.wh.name</c>, <c>.wh..wh..opq</c>) hide files from
/// the running container, not from the image: the hidden file is still scanned in the layer that added
/// it, which is the point. Links and devices hold no content and are passed over.
/// </summary>
internal sealed class LayerReader(ScanSession session, Action<SecretFinding, ImageBlob> publish)
{
    /// <summary>Real layers compress 2 to 20 times; past this ratio (and a size floor) it is a bomb.</summary>
    private const long BombRatio = 200;

    public void Read(ImageArchive archive, ImageBlob layer, CancellationToken cancellationToken)
    {
        using var blob = archive.OpenMember(layer.Member);
        if (blob is null)
        {
            return;
        }

        var where = archive.Path + "!/" + layer.Member;
        try
        {
            var compressed = new CountingReadStream(blob);
            using var inflated = Decompress(compressed, Magic(blob));
            var floor = session.Request.MaxArchiveEntryBytes * 4;
            var counted = new CountingReadStream(inflated, total =>
            {
                if (total > floor && total / Math.Max(1, compressed.BytesRead) > BombRatio)
                {
                    throw new DecompressionBombException(
                        $"Stopped after {total} bytes: the layer inflates over {BombRatio} times, a decompression bomb.");
                }
            });

            if (layer.IsLayerTar)
            {
                ReadTar(counted, layer, where, cancellationToken);
            }
            else
            {
                ScanMember(counted, layer.Digest, layer, cancellationToken);
            }
        }
        catch (DecompressionBombException e)
        {
            session.Warn(new ScanWarning(where, e.Message));
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException
            or ZstdException)
        {
            session.Warn(new ScanWarning(where, $"The layer is truncated or corrupt: {e.Message}"));
        }
    }

    private void ReadTar(Stream data, ImageBlob layer, string where, CancellationToken cancellationToken)
    {
        using var reader = new TarReader(data, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = MemberName.Normalize(entry.Name, out var escapes);
            if (escapes)
            {
                session.Warn(new ScanWarning(where + "!/" + entry.Name,
                    "Layer member path is absolute or points outside the layer; scanned, never extracted."));
            }

            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile
                && entry.DataStream is { } content && !IsWhiteout(path))
            {
                ScanMember(content, path, layer, cancellationToken);
            }
        }
    }

    private void ScanMember(Stream content, string path, ImageBlob layer, CancellationToken cancellationToken)
    {
        var members = new ArchiveScanner(session, (stream, memberPath, token) =>
        {
            foreach (var finding in session.Inspect(stream, memberPath, token))
            {
                publish(finding, layer);
            }
        });
        var depth = session.Request.ScanArchives ? 0 : session.Request.MaxArchiveDepth;
        members.ScanEntry(content, path, depth, cancellationToken);
    }

    private static bool IsWhiteout(string path) =>
        System.IO.Path.GetFileName(path.AsSpan()).StartsWith(".wh.", StringComparison.Ordinal);

    private static Stream Decompress(Stream compressed, ReadOnlySpan<byte> magic)
    {
        if (magic.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return new GZipStream(compressed, CompressionMode.Decompress);
        }

        if (magic.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]))
        {
            return new DecompressionStream(compressed);
        }

        return compressed;
    }

    private static byte[] Magic(Stream blob)
    {
        var head = new byte[4];
        var read = blob.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        blob.Position = 0;
        return head[..read];
    }
}
