using System.Buffers.Text;
using System.Text;

namespace Lanyard.Scanning.Formats;

/// <summary>Strict base64 and base64url decoding, and a check that decoded bytes are readable text.</summary>
public static class Base64Text
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length % 4 != 0 || !Base64.IsValid(text))
        {
            return false;
        }

        bytes = Convert.FromBase64String(text);
        return true;
    }

    public static bool TryDecodeUrl(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || !Base64Url.IsValid(text))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(text);
        return true;
    }

    /// <summary>Decodes base64 that holds UTF-8 text without control characters other than tab and newlines.</summary>
    public static bool TryDecodeText(string text, out string decoded)
    {
        decoded = string.Empty;
        if (!TryDecode(text, out var bytes))
        {
            return false;
        }

        try
        {
            decoded = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (var c in decoded)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return false;
            }
        }

        return decoded.Length > 0;
    }
}
