namespace Lanyard.Core.Keys;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum GitHub, npm and Lanyard
/// embed in their tokens. Kept in-house: a 256-entry table is all it takes.
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>CRC-32 of the ASCII bytes of <paramref name="text"/>; other chars are folded to '?'.</summary>
    public static uint ComputeAscii(ReadOnlySpan<char> text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in text)
        {
            var b = c < 0x80 ? (byte)c : (byte)'?';
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
