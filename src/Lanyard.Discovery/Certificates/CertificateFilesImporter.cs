using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Discovery.Kubernetes;

namespace Lanyard.Discovery.Certificates;

/// <summary>
/// Certificates found on disk by <c>lanyard certs scan</c>, uploaded as PEM: each distinct
/// certificate is one <c>certificate</c> credential, keyed by the SHA-256 of its DER so a rescan
/// updates rather than duplicates it, with the file it was found in as its origin. Private keys
/// never travel: the scanner sends certificates only. A scan is not an authoritative listing, so
/// nothing is marked gone when a certificate is missing from a later scan.
/// </summary>
public sealed class CertificateFilesImporter : IExportImporter
{
    public string Source => "certificates";

    public DiscoveryBatch Import(IReadOnlyList<ExportFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var credentials = new Dictionary<string, DiscoveredCredential>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var credential in Read(file))
            {
                credentials.TryAdd(credential.ExternalKey, credential);
            }
        }

        return new DiscoveryBatch(Source, [], [.. credentials.Values], []);
    }

    private static List<DiscoveredCredential> Read(ExportFile file)
    {
        string text;
        using (var stream = file.Open())
        using (var reader = new StreamReader(stream, Encoding.ASCII))
        {
            text = reader.ReadToEnd();
        }

        var found = new List<DiscoveredCredential>();
        foreach (var block in PemCertificates.Read(text))
        {
            using var certificate = block.Certificate
                                    ?? throw new ImportException(file.Name, $"PEM block {block.Number}",
                                        $"the certificate does not parse ({block.Error})");
            found.Add(Credential(certificate, file.Name));
        }

        return found.Count > 0
            ? found
            : throw new ImportException(file.Name, "file", "holds no PEM CERTIFICATE block");
    }

    private static DiscoveredCredential Credential(X509Certificate2 certificate, string fileName) =>
        CertificateNames.Describe(new("cert:" + Fingerprints.Of(certificate.RawData), Name(certificate),
            CredentialKind.Certificate, fileName)
        {
            CreatedAt = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        }, certificate);

    private static string Name(X509Certificate2 certificate)
    {
        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return string.IsNullOrWhiteSpace(commonName) ? certificate.Subject : commonName;
    }
}
