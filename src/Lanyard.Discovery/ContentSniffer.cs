namespace Lanyard.Discovery;

/// <summary>Tells JSON from other text by the first bytes of a file, whatever its name says.</summary>
internal static class ContentSniffer
{
    private const int SniffLength = 512;

    /// <summary>True when the first character after a byte order mark and whitespace opens JSON.</summary>
    public static bool LooksLikeJson(ExportFile file)
    {
        Span<byte> buffer = stackalloc byte[SniffLength];
        int read;
        using (var stream = file.Open())
        {
            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }

        var content = buffer[..read];
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        foreach (var b in content)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b is (byte)'{' or (byte)'[';
        }

        return false;
    }
}
