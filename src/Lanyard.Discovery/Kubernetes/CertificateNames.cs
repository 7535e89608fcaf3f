using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Discovery.Kubernetes;

/// <summary>
/// Describes a certificate's key and signature the way OpenSSL prints them
/// (<c>sha256WithRSAEncryption</c>, <c>ecdsa-with-SHA256</c>), which is what operators search for.
/// </summary>
internal static class CertificateNames
{
    private static readonly Dictionary<string, string> SignatureNames = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.4"] = "md5WithRSAEncryption",
        ["1.2.840.113549.1.1.5"] = "sha1WithRSAEncryption",
        ["1.2.840.113549.1.1.10"] = "rsassaPss",
        ["1.2.840.113549.1.1.11"] = "sha256WithRSAEncryption",
        ["1.2.840.113549.1.1.12"] = "sha384WithRSAEncryption",
        ["1.2.840.113549.1.1.13"] = "sha512WithRSAEncryption",
        ["1.2.840.113549.1.1.14"] = "sha224WithRSAEncryption",
        ["1.2.840.10045.4.1"] = "ecdsa-with-SHA1",
        ["1.2.840.10045.4.3.1"] = "ecdsa-with-SHA224",
        ["1.2.840.10045.4.3.2"] = "ecdsa-with-SHA256",
        ["1.2.840.10045.4.3.3"] = "ecdsa-with-SHA384",
        ["1.2.840.10045.4.3.4"] = "ecdsa-with-SHA512",
        ["1.2.840.10040.4.3"] = "dsa_with_SHA1",
        ["1.3.101.112"] = "ED25519",
        ["1.3.101.113"] = "ED448",
    };

    /// <summary>The credential with the certificate's facts: key fingerprint, expiry, names, key and signature.</summary>
    public static Core.Discovery.DiscoveredCredential Describe(Core.Discovery.DiscoveredCredential credential,
        X509Certificate2 certificate) =>
        credential with
        {
            Fingerprint = Fingerprints.Of(certificate.PublicKey.ExportSubjectPublicKeyInfo()),
            ExpiresAt = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            Subject = certificate.Subject,
            Issuer = certificate.Issuer,
            SubjectAlternativeNames = SubjectAlternativeNames(certificate),
            KeyAlgorithm = KeyAlgorithm(certificate),
            KeySize = KeySize(certificate),
            SignatureAlgorithm = SignatureAlgorithm(certificate),
        };

    public static string SignatureAlgorithm(X509Certificate2 certificate)
    {
        var oid = certificate.SignatureAlgorithm.Value ?? string.Empty;
        return SignatureNames.TryGetValue(oid, out var name)
            ? name
            : certificate.SignatureAlgorithm.FriendlyName ?? oid;
    }

    public static string KeyAlgorithm(X509Certificate2 certificate) => certificate.GetKeyAlgorithm() switch
    {
        "1.2.840.113549.1.1.1" or "1.2.840.113549.1.1.10" => "RSA",
        "1.2.840.10045.2.1" => "EC",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.2.840.10040.4.1" => "DSA",
        var oid => oid,
    };

    public static int? KeySize(X509Certificate2 certificate)
    {
        switch (KeyAlgorithm(certificate))
        {
            case "RSA":
                using (var rsa = certificate.GetRSAPublicKey())
                {
                    return rsa?.KeySize;
                }

            case "EC":
                using (var ec = certificate.GetECDsaPublicKey())
                {
                    return ec?.KeySize;
                }

            case "DSA":
                using (var dsa = certificate.GetDSAPublicKey())
                {
                    return dsa?.KeySize;
                }

            case "Ed25519":
                return 256;
            case "Ed448":
                return 456;
            default:
                return null;
        }
    }

    public static IReadOnlyList<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(a => a.ToString()));
            }
        }

        return names;
    }
}
