using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki;

/// <summary>
/// The system CA that signs only Lanyard's own server certificates, kept apart from every
/// environment's CA so trusting the server never means trusting a workload.
/// </summary>
public static class SystemCertificates
{
    public static readonly TimeSpan RootLifetime = TimeSpan.FromDays(3650);
    public static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(90);

    /// <summary>A self-signed ECDSA P-384 root, path length 0: it signs end-entity certificates only.</summary>
    public static X509Certificate2 CreateRoot(string commonName, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=Lanyard"), key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(RootLifetime));
    }

    /// <summary>A TLS server certificate (ECDSA P-256) for the given DNS names and IP addresses.</summary>
    public static X509Certificate2 IssueServer(X509Certificate2 root, IEnumerable<string> names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(names);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=lanyard server, O=Lanyard"), key, HashAlgorithmName.SHA256);

        var sans = new SubjectAlternativeNameBuilder();
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var address))
            {
                sans.AddIpAddress(address);
            }
            else
            {
                sans.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(sans.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));

        var notAfter = now.Add(ServerLifetime) < root.NotAfter ? now.Add(ServerLifetime) : new DateTimeOffset(root.NotAfter);
        using var issued = request.Create(root, now.AddMinutes(-5), notAfter, RandomSerial());
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>True when a server certificate should be replaced: in its last third, or missing a name it must carry.</summary>
    public static bool NeedsRenewal(X509Certificate2 certificate, IEnumerable<string> names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(names);
        var lifetime = certificate.NotAfter - certificate.NotBefore;
        if (now >= certificate.NotAfter - lifetime / 3)
        {
            return true;
        }

        return names.Any(name => !certificate.MatchesHostname(name, allowWildcards: false, allowCommonName: false));
    }

    /// <summary>A positive 128-bit serial number from a CSPRNG, as CA/B Forum rules ask for at least 64 bits.</summary>
    public static byte[] RandomSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }
}
