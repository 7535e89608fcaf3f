using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lanyard.Pki.Spiffe;

namespace Lanyard.Pki;

/// <summary>
/// One environment's CA hierarchy: a self-signed root and the intermediate that issues every
/// certificate of the environment, both ECDSA P-256 and both carrying the trust domain's SPIFFE
/// ID. No key of one environment signs anything of another.
/// </summary>
public sealed class EnvironmentCa : IDisposable
{
    private EnvironmentCa(string environment, string trustDomain, X509Certificate2 root, X509Certificate2 intermediate)
    {
        Environment = environment;
        TrustDomain = trustDomain;
        Root = root;
        Intermediate = intermediate;
    }

    public string Environment { get; }

    public string TrustDomain { get; }

    /// <summary>The root, with its private key.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The issuing intermediate, with its private key.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>Creates a new hierarchy; the intermediate names the root's CRL as its distribution point.</summary>
    public static EnvironmentCa Create(string environment, string trustDomain, string crlBaseUrl, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        ArgumentException.ThrowIfNullOrEmpty(trustDomain);
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = CaRequest($"CN=Lanyard {environment} Root CA, OU={trustDomain}, O=Lanyard", rootKey, trustDomain, pathLength: null);
        var root = rootRequest.CreateSelfSigned(now - CaProfile.Backdate, now + CaProfile.RootLifetime);

        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest($"CN=Lanyard {environment} Issuing CA, OU={trustDomain}, O=Lanyard", intermediateKey, trustDomain, pathLength: 0);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension(
            [CaProfile.RootCrlUrl(crlBaseUrl, environment)]));
        var notAfter = Min(now + CaProfile.IntermediateLifetime, root.NotAfter);
        using var signed = request.Create(root, now - CaProfile.Backdate, notAfter, SystemCertificates.RandomSerial());
        return new EnvironmentCa(environment, trustDomain, root, signed.CopyWithPrivateKey(intermediateKey));
    }

    /// <summary>The form sealed at rest: both certificates and both PKCS#8 keys, as PEM.</summary>
    public string ExportPem()
    {
        var text = new StringBuilder();
        foreach (var certificate in new[] { Root, Intermediate })
        {
            using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("CA certificates carry ECDSA keys.");
            text.Append(certificate.ExportCertificatePem()).Append('\n').Append(key.ExportPkcs8PrivateKeyPem()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads what <see cref="ExportPem"/> wrote.</summary>
    public static EnvironmentCa ImportPem(string environment, string trustDomain, string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var certificates = new List<X509Certificate2>();
        var keys = new List<string>();
        foreach (var block in PemBlocks(pem))
        {
            if (block.StartsWith("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                certificates.Add(X509Certificate2.CreateFromPem(block));
            }
            else
            {
                keys.Add(block);
            }
        }

        if (certificates.Count != 2 || keys.Count != 2)
        {
            throw new CryptographicException($"The sealed CA of environment {environment} is not two certificates with their keys.");
        }

        X509Certificate2 WithKey(int i)
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(keys[i]);
            using var certificate = certificates[i];
            return certificate.CopyWithPrivateKey(key);
        }

        return new EnvironmentCa(environment, trustDomain, WithKey(0), WithKey(1));
    }

    /// <summary>The PEM roots a relying party of this trust domain trusts.</summary>
    public string BundlePem => Root.ExportCertificatePem() + "\n";

    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
    }

    private static CertificateRequest CaRequest(string subject, ECDsa key, string trustDomain, int? pathLength)
    {
        var request = new CertificateRequest(new X500DistinguishedName(subject), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, pathLength is not null, pathLength ?? 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(
            new SubjectAlternativeNames([], [SpiffeId.ForTrustDomain(trustDomain).ToString()], [], []).ToExtension());
        return request;
    }

    private static IEnumerable<string> PemBlocks(string pem)
    {
        const string End = "-----END ";
        var start = pem.IndexOf("-----BEGIN ", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = pem.IndexOf(End, start, StringComparison.Ordinal);
            var close = end < 0 ? -1 : pem.IndexOf("-----", end + End.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                yield break;
            }

            yield return pem[start..(close + 5)];
            start = pem.IndexOf("-----BEGIN ", close, StringComparison.Ordinal);
        }
    }

    internal static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a < new DateTimeOffset(b) ? a : new DateTimeOffset(b);
}
