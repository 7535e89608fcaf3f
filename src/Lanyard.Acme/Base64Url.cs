namespace Lanyard.Acme;

/// <summary>Unpadded base64url (RFC 7515 section 2), strict: padding or characters outside the alphabet are refused.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>The bytes, or null when <paramref name="text"/> is not canonical unpadded base64url.</summary>
    public static byte[]? TryDecode(string? text)
    {
        if (text is null || text.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var c in text)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return null;
            }
        }

        try
        {
            var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);
            return Encode(bytes) == text ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
