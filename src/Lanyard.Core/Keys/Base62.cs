namespace Lanyard.Core.Keys;

/// <summary>Base62 with the alphabet <c>0-9A-Za-z</c>, as GitHub and npm use for token checksums.</summary>
public static class Base62
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Encodes <paramref name="value"/> left-padded with '0' to <paramref name="width"/> chars.</summary>
    public static string Encode(uint value, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);

        Span<char> buffer = stackalloc char[Math.Max(width, 6)];
        var position = buffer.Length;
        var remaining = value;
        do
        {
            buffer[--position] = Alphabet[(int)(remaining % 62)];
            remaining /= 62;
        }
        while (remaining > 0);

        while (buffer.Length - position < width)
        {
            buffer[--position] = '0';
        }

        return new string(buffer[position..]);
    }

    public static bool IsBase62(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The 6-char base62 CRC-32 checksum that GitHub, npm and Lanyard tokens end with.</summary>
    public static string Crc32Checksum(ReadOnlySpan<char> payload) => Encode(Crc32.ComputeAscii(payload), 6);
}
