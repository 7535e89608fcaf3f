namespace Lanyard.Scanning.Sources;

/// <summary>Containers the scanner opens and scans inside.</summary>
internal enum ArchiveKind
{
    None,
    Zip,
    Tar,
    TarGzip,
    Gzip,
}
