using Lanyard.Core.Keys;

namespace Lanyard.Scanning.Formats;

/// <summary>
/// Validation of tokens shaped <c>prefix + 30 random base62 chars + 6-char base62 CRC-32 of the random
/// part</c>: GitHub's <c>ghp_</c>, <c>gho_</c>, <c>ghu_</c>, <c>ghs_</c>, <c>ghr_</c> and npm's <c>npm_</c>.
/// </summary>
public static class ChecksummedToken
{
    public const int RandomLength = 30;
    public const int ChecksumLength = 6;

    /// <summary>True when the body after the prefix ends with the CRC-32 checksum of what precedes it.</summary>
    public static bool IsValid(ReadOnlySpan<char> token, int prefixLength)
    {
        if (token.Length != prefixLength + RandomLength + ChecksumLength)
        {
            return false;
        }

        var body = token[prefixLength..];
        if (!Base62.IsBase62(body))
        {
            return false;
        }

        var random = body[..RandomLength];
        var checksum = body[RandomLength..];
        return checksum.SequenceEqual(Base62.Crc32Checksum(random));
    }

    /// <summary>Builds a well-formed token from a prefix and 30 random chars; used by tests and fixtures.</summary>
    public static string Create(string prefix, string random)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(random);
        if (random.Length != RandomLength || !Base62.IsBase62(random))
        {
            throw new ArgumentException("The random part must be 30 base62 characters.", nameof(random));
        }

        return prefix + random + Base62.Crc32Checksum(random);
    }
}
