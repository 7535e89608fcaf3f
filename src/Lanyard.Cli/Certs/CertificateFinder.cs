using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lanyard.Discovery.Certificates;

namespace Lanyard.Cli.Certs;

/// <summary>The certificates of one file, as PEM, or why a file that looks like a certificate store could not be read.</summary>
internal sealed record FoundFile(string Path, string Format, IReadOnlyList<string> CertificatesPem, string? Warning);

/// <summary>
/// Finds certificates in files: PEM (any number of CERTIFICATE blocks; keys beside them are
/// ignored and never leave the machine), DER, PKCS#12 opened with the password given (or
/// none), and Java keystores (JKS, JCEKS) checked with that password. Formats are told apart by content; a file's
/// extension only decides whether an
/// unreadable file is worth a warning. A damaged or locked file is a warning naming it, never the
/// end of the scan.
/// </summary>
internal static class CertificateFinder
{
    /// <summary>Certificate stores are small; anything larger is not read.</summary>
    public const long MaxFileBytes = 4 << 20;

    private static readonly HashSet<string> CertificateExtensions =
        new([".pem", ".crt", ".cer", ".der", ".p12", ".pfx", ".p7b", ".cert", ".jks", ".jceks", ".keystore", ".truststore"],
            StringComparer.OrdinalIgnoreCase);

    /// <summary>Every file under the paths, in a stable order.</summary>
    public static IEnumerable<string> Files(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                yield return path;
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*",
                    new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                             .Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                throw new Http.CliException($"{path}: no such file or folder.", ExitCodes.BadInput);
            }
        }
    }

    /// <summary>What one file holds; null when it is not a certificate file at all.</summary>
    public static FoundFile? Read(string path, string? password)
    {
        byte[] content;
        try
        {
            if (new FileInfo(path).Length is 0 or > MaxFileBytes)
            {
                return null;
            }

            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Expected(path) ? new FoundFile(path, "?", [], $"can't be read ({e.Message})") : null;
        }

        if (content.AsSpan().IndexOf("-----BEGIN "u8) >= 0)
        {
            return ReadPem(path, Encoding.ASCII.GetString(content));
        }

        if (JavaKeyStores.FormatOf(content) is not null)
        {
            return JavaKeyStores.Read(path, content, password);
        }

        return content[0] == 0x30 ? ReadBinary(path, content, password) : null;
    }

    private static FoundFile? ReadPem(string path, string text)
    {
        var certificates = new List<string>();
        foreach (var block in PemCertificates.Read(text))
        {
            using var certificate = block.Certificate;
            if (certificate is null)
            {
                return new FoundFile(path, "PEM", certificates,
                    $"PEM block {block.Number} is not a certificate that parses ({block.Error})");
            }

            certificates.Add(certificate.ExportCertificatePem());
        }

        if (certificates.Count > 0)
        {
            return new FoundFile(path, "PEM", certificates, null);
        }

        return text.Contains("-----BEGIN CERTIFICATE", StringComparison.Ordinal)
            ? new FoundFile(path, "PEM", [], "a CERTIFICATE block is cut off or damaged")
            : null;
    }

    private static FoundFile? ReadBinary(string path, byte[] content, string? password)
    {
        try
        {
            AsnDecoder.ReadEncodedValue(content, AsnEncodingRules.BER, out _, out _, out var consumed);
            if (consumed != content.Length && Expected(path))
            {
                return new FoundFile(path, "DER", [], $"{content.Length - consumed} bytes follow the DER structure");
            }
        }
        catch (AsnContentException)
        {
            return Expected(path)
                ? new FoundFile(path, "DER", [], $"the DER structure is truncated or damaged ({content.Length} bytes)")
                : null;
        }

        if (X509Certificate2.GetCertContentType(content) == X509ContentType.Pkcs12)
        {
            try
            {
                var collection = X509CertificateLoader.LoadPkcs12Collection(content, password, X509KeyStorageFlags.EphemeralKeySet);
                var certificates = collection.Select(c => c.ExportCertificatePem()).ToList();
                foreach (var certificate in collection)
                {
                    certificate.Dispose();
                }

                return new FoundFile(path, "PKCS#12", certificates, certificates.Count > 0 ? null : "the PKCS#12 holds no certificate");
            }
            catch (CryptographicException e)
            {
                var reason = password is null ? "it needs a password (--password-file)" : "the password is wrong or the file is damaged";
                return new FoundFile(path, "PKCS#12", [], $"PKCS#12 can't be opened: {reason} ({e.Message})");
            }
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(content);
            return new FoundFile(path, "DER", [certificate.ExportCertificatePem()], null);
        }
        catch (CryptographicException e)
        {
            return Expected(path) ? new FoundFile(path, "DER", [], $"not a certificate in DER or PKCS#12 ({e.Message})") : null;
        }
    }

    private static bool Expected(string path) => CertificateExtensions.Contains(Path.GetExtension(path));
}
