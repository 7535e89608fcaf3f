using Lanyard.Scanning.Formats;

namespace Lanyard.Scanning.Tests;

/// <summary>
/// Builds fake credentials of real formats at test time, from a seeded generator so failures repeat.
/// Nothing secret-shaped is written in the test sources themselves.
/// </summary>
internal sealed class TestTokens(int seed = 20260101)
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    private readonly Random random = new(seed);

    public string Base62(int length) => From(Base62Alphabet, length);

    public string Hex(int length) => From(Digits + "abcdef", length);

    public string Numeric(int length) => From(Digits, length);

    public string UpperAlphanumeric(int length) => From(Upper + Digits, length);

    public string Letters(int length) => From(Lower + Upper, length);

    public string LowerAlphanumeric(int length) => From(Lower + Digits, length);

    public string UrlSafe(int length) => From(Base62Alphabet + "_-", length);

    public string Base64(int length) => From(Base62Alphabet + "+/", length);

    /// <summary>Starts with a letter or digit, as values written unquoted in YAML must.</summary>
    public string Password(int length) => Base62(1) + From(Base62Alphabet + "!*.-_", length - 4) + "a7Q";

    /// <summary>A GitHub- or npm-style token whose last six chars are the CRC-32 of its 30 random chars.</summary>
    public string Checksummed(string prefix) => ChecksummedToken.Create(prefix, Base62(30));

    public string AwsKeyId() => "AKIA" + From(Upper + "234567", 16);

    public string AwsSecret() => Base64(40);

    /// <summary>A whole-value placeholder of the token's shape: every letter and digit after the prefix made 'x'.</summary>
    public static string Placeholder(string token, int prefixLength) =>
        string.Concat(token.AsSpan(0, prefixLength),
            new string([.. token[prefixLength..].Select(c => char.IsAsciiLetterOrDigit(c) ? 'x' : c)]));

    public int Next(int maxValue) => random.Next(maxValue);

    private static string Base62Alphabet => Lanyard.Core.Keys.Base62.Alphabet;

    private string From(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
