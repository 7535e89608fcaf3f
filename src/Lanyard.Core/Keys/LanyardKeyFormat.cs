using System.Security.Cryptography;

namespace Lanyard.Core.Keys;

/// <summary>
/// The one definition of Lanyard's issued API keys:
/// <c>lny_{environment}_{random}{checksum}</c>, where the random part is at least 27 base62 chars
/// (160 bits or more) and the checksum is the 6-char base62 CRC-32 of everything before it
/// (<c>lny_{environment}_{random}</c>). Covering the environment means a key whose environment part
/// was edited no longer validates. The issuing side creates keys here; the scanner validates them here.
/// </summary>
public static class LanyardKeyFormat
{
    public const string Prefix = "lny_";
    public const int RandomLength = 27;
    public const int ChecksumLength = 6;
    public const int MaxEnvironmentLength = 63;

    /// <summary>Issues a new key for <paramref name="environment"/> from a cryptographic random source.</summary>
    public static string Create(string environment)
    {
        var random = RandomNumberGenerator.GetString(Base62.Alphabet, RandomLength);
        return Create(environment, random);
    }

    /// <summary>Builds the key for a given random part; deterministic, for tests and fixtures.</summary>
    public static string Create(string environment, string random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!IsValidEnvironment(environment))
        {
            throw new ArgumentException(
                "An environment in a key is 1-63 chars of lowercase letters, digits and '-'.", nameof(environment));
        }

        if (random.Length < RandomLength || !Base62.IsBase62(random))
        {
            throw new ArgumentException("The random part must be at least 27 base62 characters.", nameof(random));
        }

        var payload = Prefix + environment + "_" + random;
        return payload + Base62.Crc32Checksum(payload);
    }

    /// <summary>Parses a key and validates its checksum.</summary>
    public static bool TryParse(ReadOnlySpan<char> key, out string environment)
    {
        environment = string.Empty;
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = key[Prefix.Length..];
        var separator = rest.IndexOf('_');
        if (separator < 1 || !IsValidEnvironment(rest[..separator]))
        {
            return false;
        }

        var body = rest[(separator + 1)..];
        if (body.Length < RandomLength + ChecksumLength || !Base62.IsBase62(body))
        {
            return false;
        }

        var payload = key[..^ChecksumLength];
        if (!key[^ChecksumLength..].SequenceEqual(Base62.Crc32Checksum(payload)))
        {
            return false;
        }

        environment = rest[..separator].ToString();
        return true;
    }

    public static bool IsValid(ReadOnlySpan<char> key) => TryParse(key, out _);

    public static bool IsValidEnvironment(ReadOnlySpan<char> environment)
    {
        if (environment.IsEmpty || environment.Length > MaxEnvironmentLength)
        {
            return false;
        }

        foreach (var c in environment)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
