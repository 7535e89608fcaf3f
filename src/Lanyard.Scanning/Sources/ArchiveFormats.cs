namespace Lanyard.Scanning.Sources;

/// <summary>Recognises archives by name, confirmed by magic bytes where the stream allows a peek.</summary>
internal static class ArchiveFormats
{
    private static readonly string[] ZipExtensions =
        [".zip", ".jar", ".war", ".ear", ".nupkg", ".snupkg", ".whl", ".apk", ".aar", ".vsix", ".egg"];

    public static ArchiveKind FromName(string name)
    {
        if (name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase))
        {
            return ArchiveKind.TarGzip;
        }

        if (name.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
        {
            return ArchiveKind.Tar;
        }

        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return ArchiveKind.Gzip;
        }

        return ZipExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            ? ArchiveKind.Zip
            : ArchiveKind.None;
    }

    /// <summary>Checks the first bytes agree with the kind the name suggests.</summary>
    public static bool HeadMatches(ArchiveKind kind, ReadOnlySpan<byte> head) => kind switch
    {
        ArchiveKind.Zip => head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8),
        ArchiveKind.TarGzip or ArchiveKind.Gzip => head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]),
        ArchiveKind.Tar => head.Length >= 262 && head[257..262].SequenceEqual("ustar"u8),
        _ => false,
    };
}
