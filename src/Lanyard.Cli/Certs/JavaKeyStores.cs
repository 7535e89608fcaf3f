using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Security;

namespace Lanyard.Cli.Certs;

/// <summary>
/// Certificates in Java keystores, read with BouncyCastle's <see cref="JksStore"/>: JKS, and JCEKS,
/// whose certificate entries and integrity check are laid out exactly as JKS's (only private and
/// secret keys are protected differently, and those are never read). The store's integrity is
/// checked with the password; without one the certificates are read unchecked, with a warning.
/// </summary>
internal static class JavaKeyStores
{
    private const uint JksMagic = 0xFEEDFEED;
    private const uint JceksMagic = 0xCECECECE;
    private const int ChecksumLength = 20;

    /// <summary>Whether the content starts like a JKS or JCEKS keystore.</summary>
    public static string? FormatOf(ReadOnlySpan<byte> content)
    {
        if (content.Length < 12 + ChecksumLength)
        {
            return null;
        }

        return BinaryPrimitives.ReadUInt32BigEndian(content) switch
        {
            JksMagic => "JKS",
            JceksMagic => "JCEKS",
            _ => null,
        };
    }

    public static FoundFile Read(string path, byte[] content, string? password)
    {
        var format = FormatOf(content) ?? throw new ArgumentException("Not a Java keystore.", nameof(content));
        string? warning = null;
        if (password is null)
        {
            warning = "read without --password-file, so the keystore's integrity was not checked";
        }
        else if (!IntegrityHolds(content, password))
        {
            return new FoundFile(path, format, [], $"{format} keystore can't be opened: the password is wrong or the file was altered");
        }

        // JCEKS differs from JKS in its magic number only, for the entries read here.
        var body = content.AsSpan(0, content.Length - ChecksumLength).ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(body, JksMagic);
        var store = new JksStore();
        try
        {
            store.LoadUnchecked(new MemoryStream([.. body, .. new byte[ChecksumLength]]));
        }
        catch (Exception e) when (e is IOException or NotSupportedException or EndOfStreamException or ArgumentException)
        {
            var reason = format == "JCEKS" && e.Message.Contains("entry type", StringComparison.Ordinal)
                ? "it holds secret-key entries, which are not read"
                : $"it is damaged ({e.Message})";
            return new FoundFile(path, format, [], $"{format} keystore can't be read: {reason}");
        }

        var certificates = new List<string>();
        foreach (var alias in store.Aliases.Order(StringComparer.Ordinal))
        {
            var chain = store.IsKeyEntry(alias) ? store.GetCertificateChain(alias) ?? [] : [store.GetCertificate(alias)];
            certificates.AddRange(chain.Where(c => c is not null).Select(c => PemEncoding.WriteString("CERTIFICATE", c.GetEncoded())));
        }

        return new FoundFile(path, format, certificates.Distinct(StringComparer.Ordinal).ToList(),
            certificates.Count == 0 ? $"the {format} keystore holds no certificate" : warning);
    }

    /// <summary>
    /// The keyed SHA-1 both formats end with: over the password as UTF-16BE, the words "Mighty
    /// Aphrodite" and the body. Checked here for both, as BouncyCastle checks only JKS's magic.
    /// </summary>
    private static bool IntegrityHolds(byte[] content, string password)
    {
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(Encoding.BigEndianUnicode.GetBytes(password));
        sha1.AppendData("Mighty Aphrodite"u8);
        sha1.AppendData(content.AsSpan(0, content.Length - ChecksumLength));
        return CryptographicOperations.FixedTimeEquals(sha1.GetHashAndReset(), content.AsSpan(content.Length - ChecksumLength));
    }
}
