using System.Formats.Tar;
using System.IO.Compression;

namespace Lanyard.Scanning.Sources;

/// <summary>
/// Scans inside zip-family, tar, tar.gz and gzip archives, nested up to a depth, with every entry read
/// through a byte budget. Member paths read <c>app.jar!/config/application.properties</c>. Members go to
/// <paramref name="scanContent"/> when given (an image layer places its findings), else to the session.
/// </summary>
internal sealed class ArchiveScanner(ScanSession session, Action<Stream, string, CancellationToken>? scanContent = null)
{
    /// <summary>Nested zips must be buffered to be opened; larger ones are skipped with a warning.</summary>
    private const long MaxBufferedNestedZip = 64L * 1024 * 1024;

    /// <summary>A ratio this high on a large entry is a decompression bomb, not data.</summary>
    private const long SuspiciousRatio = 200;

    public void Scan(Stream stream, string path, ArchiveKind kind, int depth, CancellationToken cancellationToken)
    {
        try
        {
            switch (kind)
            {
                case ArchiveKind.Zip:
                    ScanZip(stream, path, depth, cancellationToken);
                    break;
                case ArchiveKind.Tar:
                    ScanTar(stream, path, depth, cancellationToken);
                    break;
                case ArchiveKind.TarGzip:
                    using (var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true))
                    {
                        ScanTar(gzip, path, depth, cancellationToken);
                    }

                    break;
                case ArchiveKind.Gzip:
                    using (var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true))
                    {
                        ScanEntry(gzip, path + "!/" + Path.GetFileNameWithoutExtension(path), depth, cancellationToken);
                    }

                    break;
                default:
                    break;
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException)
        {
            session.Warn(new ScanWarning(path, $"The archive is truncated or corrupt: {e.Message}"));
        }
    }

    private void ScanZip(Stream stream, string path, int depth, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            var entryPath = MemberPath(path, entry.FullName);
            if (entry.Length > session.Request.MaxArchiveEntryBytes
                && entry.Length / Math.Max(1, entry.CompressedLength) > SuspiciousRatio)
            {
                session.Warn(new ScanWarning(entryPath, "Skipped: its compression ratio marks a decompression bomb."));
                continue;
            }

            using var entryStream = entry.Open();
            ScanEntry(entryStream, entryPath, depth, cancellationToken);
        }
    }

    private void ScanTar(Stream stream, string path, int depth, CancellationToken cancellationToken)
    {
        using var reader = new TarReader(stream, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile
                && entry.DataStream is { } data)
            {
                ScanEntry(data, MemberPath(path, entry.Name), depth, cancellationToken);
            }
        }
    }

    /// <summary>Scans one member through the byte budget, opening it as an archive when its name says so.</summary>
    public void ScanEntry(Stream data, string entryPath, int depth, CancellationToken cancellationToken)
    {
        var bounded = new BoundedReadStream(data, session.Request.MaxArchiveEntryBytes);
        var kind = ArchiveFormats.FromName(entryPath);
        if (kind != ArchiveKind.None && depth < session.Request.MaxArchiveDepth)
        {
            ScanNested(bounded, entryPath, kind, depth + 1, cancellationToken);
        }
        else
        {
            (scanContent ?? session.ScanContent)(bounded, entryPath, cancellationToken);
        }

        if (bounded.LimitReached)
        {
            session.Warn(new ScanWarning(entryPath,
                $"Scanned only the first {session.Request.MaxArchiveEntryBytes} bytes of this archive member."));
        }
    }

    private void ScanNested(Stream data, string entryPath, ArchiveKind kind, int depth, CancellationToken token)
    {
        if (kind != ArchiveKind.Zip)
        {
            Scan(data, entryPath, kind, depth, token);
            return;
        }

        // ZipArchive needs to seek to the central directory, so a nested zip is buffered first.
        using var buffer = new MemoryStream();
        var limited = new BoundedReadStream(data, MaxBufferedNestedZip);
        limited.CopyTo(buffer);
        if (limited.LimitReached)
        {
            session.Warn(new ScanWarning(entryPath, "Skipped: nested zip archives over 64 MB are not opened."));
            return;
        }

        buffer.Position = 0;
        Scan(buffer, entryPath, kind, depth, token);
    }

    private string MemberPath(string archivePath, string entryName)
    {
        var name = entryName.Replace('\\', '/').TrimStart('/');
        if (name.Split('/').Contains(".."))
        {
            session.Warn(new ScanWarning(archivePath + "!/" + name, "Archive member path points outside the archive."));
        }

        return archivePath + "!/" + name;
    }
}
