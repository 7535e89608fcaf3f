using System.Security.Cryptography;
using System.Text;

namespace Lanyard.Store.Sealing;

/// <summary>
/// Seals secrets at rest with AES-256-GCM under a key derived from the master key. Each sealed
/// value is bound to its context (what it is and whose it is), so a sealed value copied to another
/// row does not open there.
/// </summary>
public sealed class Sealer
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    private readonly byte[] _key;

    public Sealer(MasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        _key = masterKey.DeriveKey("lanyard/seal/aes-256-gcm/v1");
    }

    /// <summary>Layout: version (1 byte), nonce (12), tag (16), ciphertext.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        var sealedValue = new byte[HeaderSize + plaintext.Length];
        sealedValue[0] = FormatVersion;
        var nonce = sealedValue.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);

        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(HeaderSize), sealedValue.AsSpan(1 + NonceSize, TagSize),
            Encoding.UTF8.GetBytes(context));
        return sealedValue;
    }

    /// <exception cref="CryptographicException">The value was tampered with, belongs to another context, or another
    /// master key sealed it.</exception>
    public byte[] Unseal(ReadOnlySpan<byte> sealedValue, string context)
    {
        if (sealedValue.Length < HeaderSize || sealedValue[0] != FormatVersion)
        {
            throw new CryptographicException("The sealed value is not in a format this version of Lanyard reads.");
        }

        var plaintext = new byte[sealedValue.Length - HeaderSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedValue.Slice(1, NonceSize), sealedValue[HeaderSize..], sealedValue.Slice(1 + NonceSize, TagSize),
            plaintext, Encoding.UTF8.GetBytes(context));
        return plaintext;
    }
}
