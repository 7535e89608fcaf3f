using System.Security.Cryptography;
using System.Text;

namespace Lanyard.Core.Keys;

/// <summary>
/// The stored form of a secret Lanyard issues (API keys, client secrets): lowercase hex SHA-256
/// of its UTF-8 bytes, which is also the credential's fingerprint.
/// </summary>
/// <remarks>
/// A slow password hash (Argon2, PBKDF2) exists to make guessing low-entropy passwords expensive.
/// Issued secrets carry at least 160 bits from a cryptographic random source, so no guess list
/// exists to try against a leaked hash, and a fast hash keeps verification cheap on every request.
/// </remarks>
public static class SecretHash
{
    public const int HexLength = 64;

    public static string Of(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>
    /// Whether <paramref name="secret"/> hashes to <paramref name="storedHash"/>, compared in
    /// constant time so the comparison leaks nothing about how much of the hash matched.
    /// </summary>
    public static bool Matches(string secret, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(storedHash);
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), presented);

        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        if (storedHash.Length != HexLength
            || Convert.FromHexString(storedHash, stored, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }
}
