using System.Buffers;
using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Filtering;

/// <summary>Measures of what a value looks like: how random, which characters, which known shapes.</summary>
internal static partial class ValueShape
{
    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        var entropy = 0.0;
        foreach (var count in counts)
        {
            entropy -= Term(count, value.Length);
        }

        return entropy - Term(other, value.Length);
    }

    /// <summary>How many of lowercase, uppercase, digits and symbols occur.</summary>
    public static int CharacterClasses(ReadOnlySpan<char> value)
    {
        bool lower = false, upper = false, digit = false, symbol = false;
        foreach (var c in value)
        {
            lower |= char.IsAsciiLetterLower(c);
            upper |= char.IsAsciiLetterUpper(c);
            digit |= char.IsAsciiDigit(c);
            symbol |= !char.IsAsciiLetterOrDigit(c);
        }

        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }

    public static bool HasDigit(ReadOnlySpan<char> value) => value.IndexOfAnyInRange('0', '9') >= 0;

    public static bool IsHex(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExcept(HexChars);

    public static bool IsUuid(string value) => UuidPattern().IsMatch(value);

    /// <summary>A value in which one character makes up half or more: <c>xxxx</c>, <c>****</c>, <c>0000</c>.</summary>
    public static bool IsMostlyOneCharacter(ReadOnlySpan<char> value)
    {
        if (value.Length < 4)
        {
            return false;
        }

        Span<int> counts = stackalloc int[128];
        var max = 0;
        foreach (var c in value)
        {
            if (c < 128)
            {
                max = Math.Max(max, ++counts[c]);
            }
        }

        return max * 2 >= value.Length;
    }

    /// <summary>
    /// Words joined by separators, each lowercase, Capitalized, UPPER or camelCase: <c>X-Api-Key</c>,
    /// <c>billing-db</c>, <c>existingSecret</c>. Identifiers and names, not random secrets.
    /// </summary>
    public static bool IsWordLike(string value)
    {
        var segments = value.Split(WordSeparators);
        return segments.Length > 0 && segments[0].Length > 0 && segments.All(s => s.Length == 0 || WordPattern().IsMatch(s));
    }

    /// <summary>Well-known hash and digest encodings: bcrypt, crypt, argon2, integrity strings, digests.</summary>
    public static bool IsKnownHashFormat(string value) => HashFormatPattern().IsMatch(value);

    private static double Term(int count, int length)
    {
        if (count == 0)
        {
            return 0;
        }

        var p = (double)count / length;
        return p * Math.Log2(p);
    }

    private static readonly SearchValues<char> HexChars = SearchValues.Create("0123456789abcdefABCDEF");

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.NonBacktracking)]
    private static partial Regex UuidPattern();

    private static readonly char[] WordSeparators = ['-', '_', '.', ' ', '/', ':'];

    [GeneratedRegex("^(?:[a-z]+|[A-Z]+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)*|[0-9]{1,2})$", RegexOptions.NonBacktracking)]
    private static partial Regex WordPattern();

    [GeneratedRegex(
        @"^(?:\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|\$(?:1|5|6|apr1|argon2(?:id|i|d)|scrypt|pbkdf2[-\w]*|sha\d+|y)\$"
        + @"\S+|\{(?:SSHA|SHA|SMD5|MD5|CRYPT|SSHA256|SSHA512)\}\S+|(?:sha1|sha256|sha384|sha512|md5)[-:]\S+)$",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex HashFormatPattern();
}
