using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki;

/// <summary>
/// Signs end-entity certificates with an environment's intermediate, following the SPIFFE
/// X509-SVID standard: exactly one URI SAN (the SPIFFE ID), basicConstraints cA false (critical),
/// keyUsage digitalSignature (critical; keyEncipherment too for RSA keys, never keyCertSign or
/// cRLSign), extendedKeyUsage serverAuth and clientAuth, a random 127-bit serial, the issuing CA's
/// CRL distribution point, and a not-after no later than the intermediate's.
/// </summary>
public static class LeafIssuer
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2 Issue(EnvironmentCa ca, PublicKey key, LeafProfile profile, string crlUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(profile);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("Lanyard");
        subject.AddOrganizationalUnitName(ca.TrustDomain);
        subject.AddCommonName(profile.CommonName);

        using var signer = CaSigner.For(ca.Intermediate);
        var request = new CertificateRequest(subject.Build(), key, signer.Hash);
        var usage = X509KeyUsageFlags.DigitalSignature
                    | (key.Oid.Value == KeyFacts.RsaOid ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.None);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuth), new Oid(ClientAuth)], false));
        request.CertificateExtensions.Add(
            new SubjectAlternativeNames(profile.DnsNames, [profile.SpiffeId.ToString()], [], []).ToExtension());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key, false));
        request.CertificateExtensions.Add(ca.IssuerKeyIdentifier);
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlUrl]));

        var notAfter = EnvironmentCa.Min(now + profile.Lifetime, ca.Intermediate.NotAfter);
        return request.Create(ca.Intermediate.SubjectName, signer.Generator,
            now - CaProfile.Backdate, notAfter, SystemCertificates.RandomSerial());
    }
}
