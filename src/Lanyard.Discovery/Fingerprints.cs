using System.Security.Cryptography;
using System.Text;

namespace Lanyard.Discovery;

/// <summary>The one form in which a discovered secret is kept: lowercase hex SHA-256.</summary>
internal static class Fingerprints
{
    public static string Of(ReadOnlySpan<byte> value) => Convert.ToHexStringLower(SHA256.HashData(value));

    /// <summary>Of a value known as text, such as an access key id: its UTF-8 bytes.</summary>
    public static string OfText(string value) => Of(Encoding.UTF8.GetBytes(value));
}
