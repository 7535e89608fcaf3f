using System.Security.Cryptography;
using System.Text;

namespace Lanyard.Store.Access;

/// <summary>Lanyard's bearer tokens for people and automation: 256 random bits behind a recognisable prefix.</summary>
public static class AccessTokens
{
    public const string Prefix = "lnyt_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The stored form. A token holds 256 random bits, so a plain SHA-256 can't be reversed or
    /// guessed; the lookup by hash reveals nothing useful through its timing.
    /// </summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
