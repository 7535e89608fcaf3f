using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Lanyard.Discovery;

/// <summary>
/// The one form in which a discovered secret is kept: lowercase hex SHA-256. The scanner
/// fingerprints the secret it finds in a file the same way, so a value imported here and the same
/// value found in code carry one fingerprint.
/// </summary>
internal static class Fingerprints
{
    public static string Of(ReadOnlySpan<byte> value) => Convert.ToHexStringLower(SHA256.HashData(value));

    /// <summary>Of a value known as text, such as an access key id: its UTF-8 bytes.</summary>
    public static string OfText(string value) => Of(Encoding.UTF8.GetBytes(value));

    /// <summary>
    /// Of a stored value as a scanner reads it in a file. Text loses the whitespace around it and
    /// its line ends become '\n': the newline that <c>echo</c> or a file leaves in a Kubernetes
    /// secret, or a PEM key saved with CRLF, would otherwise part it from the same secret found in
    /// code. A value that is not text is fingerprinted as its bytes.
    /// </summary>
    public static string OfValue(ReadOnlySpan<byte> value)
    {
        if (!Utf8.IsValid(value) || value.Contains((byte)0))
        {
            return Of(value);
        }

        var text = Encoding.UTF8.GetString(value).ReplaceLineEndings("\n").Trim();
        return text.Length == 0 ? Of(value) : OfText(text);
    }
}
