using System.Security.Cryptography.X509Certificates;
using System.Text;

using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Discovery.Certificates;

namespace Lanyard.Discovery.Kubernetes;

/// <summary>
/// A <c>kubernetes.io/tls</c> secret is one credential: the first certificate of <c>tls.crt</c>
/// (the leaf), which <c>tls.key</c> belongs to. Later certificates and <c>ca.crt</c> are public CA
/// certificates and no credentials.
/// </summary>
internal static class TlsSecretReader
{
    public const string CertificateKey = "tls.crt";
    public const string PrivateKeyKey = "tls.key";

    public static IEnumerable<SecretCredential> Read(KubeObject secret, SecretData data, string fileName)
    {
        if (!data.TryGet(CertificateKey, out var pem, out var cursor))
        {
            // A key without its certificate is still secret material.
            return data.TryGet(PrivateKeyKey, out var key, out _)
                ? [new SecretCredential(KeyOnly(secret, key, fileName), null)]
                : [];
        }

        using var certificate = FirstCertificate(pem) ?? throw cursor.Error(
            $"{CertificateKey} does not hold a PEM certificate that parses");

        var credential = CertificateNames.Describe(SecretReader.Credential(
            secret,
            CertificateKey,
            CredentialKind.Certificate,
            fileName,
            createdAt: Utc(certificate.NotBefore)), certificate);

        return [new SecretCredential(credential, null)];
    }

    private static DiscoveredCredential KeyOnly(KubeObject secret, byte[] key, string fileName) =>
        SecretReader.Credential(secret, PrivateKeyKey, CredentialKind.PrivateKey, fileName) with
        {
            Fingerprint = Fingerprints.OfValue(key),
        };

    /// <summary>The first <c>CERTIFICATE</c> block of a PEM bundle, or null when there is none that parses.</summary>
    private static X509Certificate2? FirstCertificate(byte[] pem)
    {
        var blocks = PemCertificates.Read(Encoding.ASCII.GetString(pem));
        foreach (var later in blocks.Skip(1))
        {
            later.Certificate?.Dispose();
        }

        return blocks.Count > 0 ? blocks[0].Certificate : null;
    }

    private static DateTimeOffset Utc(DateTime time) => new(time.ToUniversalTime(), TimeSpan.Zero);
}
