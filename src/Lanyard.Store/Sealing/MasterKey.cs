using System.Security.Cryptography;

namespace Lanyard.Store.Sealing;

/// <summary>
/// The 256-bit key everything sealed at rest derives from. It lives in a file readable only by its
/// owner, next to the database but never inside it.
/// </summary>
public sealed class MasterKey
{
    public const int SizeInBytes = 32;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly byte[] _key;

    private MasterKey(byte[] key) => _key = key;

    /// <summary>Reads the key file, or creates it with fresh random bytes when it does not exist.</summary>
    /// <returns>The key and whether it was created now.</returns>
    public static (MasterKey Key, bool Created) LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return (Load(path), false);
        }

        var key = RandomNumberGenerator.GetBytes(SizeInBytes);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(key);
        }

        return (new MasterKey(key), true);
    }

    private static MasterKey Load(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            throw new InvalidOperationException(
                $"The master key file {path} is readable by others; make it readable only by its owner (chmod 600).");
        }

        var key = File.ReadAllBytes(path);
        if (key.Length != SizeInBytes)
        {
            throw new InvalidOperationException(
                $"The master key file {path} holds {key.Length} bytes; a master key is {SizeInBytes} bytes.");
        }

        return new MasterKey(key);
    }

    /// <summary>A subkey for one purpose (HKDF-SHA256), so no two uses share a key.</summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, SizeInBytes, salt: [], info: System.Text.Encoding.UTF8.GetBytes(purpose));

    /// <summary>Wraps raw bytes (for tests and for keys supplied by an operator).</summary>
    public static MasterKey FromBytes(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != SizeInBytes)
        {
            throw new ArgumentException($"A master key is {SizeInBytes} bytes.", nameof(key));
        }

        return new MasterKey((byte[])key.Clone());
    }
}
