using System.Text;

namespace Lanyard.Scanning.Sources.Git;

/// <summary>Reads the C-style quoting git applies to unusual path names (<c>"a\tb"</c>, octal UTF-8 bytes).</summary>
internal static class GitQuoting
{
    public static string Unquote(ReadOnlySpan<char> quoted)
    {
        var inner = quoted.Trim('"');
        var bytes = new List<byte>(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c != '\\' || i + 1 >= inner.Length)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            var next = inner[++i];
            if (next is >= '0' and <= '3' && i + 2 < inner.Length)
            {
                bytes.Add((byte)(((next - '0') << 6) | ((inner[i + 1] - '0') << 3) | (inner[i + 2] - '0')));
                i += 2;
                continue;
            }

            bytes.Add(next switch
            {
                'a' => 0x07,
                'b' => 0x08,
                'f' => 0x0C,
                'n' => 0x0A,
                'r' => 0x0D,
                't' => 0x09,
                'v' => 0x0B,
                _ => (byte)next,
            });
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
