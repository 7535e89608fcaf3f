using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Pki;

namespace Lanyard.Acme;

/// <summary>
/// The CSR of a finalize request (RFC 8555 section 7.4): it must verify with its own key and ask
/// for exactly the order's DNS names, with a common name, if any, that is one of its SANs.
/// </summary>
public static class FinalizeRequest
{
    private const string CommonNameOid = "2.5.4.3";

    /// <summary>The CSR as PEM, for the issuer; throws <c>badCSR</c> naming what does not match.</summary>
    public static string CheckCsr(string? csrBase64Url, IReadOnlyCollection<string> orderNames)
    {
        ArgumentNullException.ThrowIfNull(orderNames);
        var der = Base64Url.TryDecode(csrBase64Url) ?? throw Bad("The finalize payload's 'csr' is not base64url DER.");
        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequest(der, HashAlgorithmName.SHA256,
                CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException or ArgumentException)
        {
            throw Bad("The CSR is not a PKCS#10 request whose signature verifies with its own key.");
        }

        SubjectAlternativeNames names;
        try
        {
            names = SubjectAlternativeNames.Of(request.CertificateExtensions);
        }
        catch (AsnContentException)
        {
            throw Bad("The CSR's subjectAltName extension is not valid DER.");
        }

        if (names.Uris.Count > 0 || names.IpAddresses.Count > 0 || names.Others.Count > 0)
        {
            throw Bad("The CSR asks for names other than DNS names; the order holds only DNS identifiers.");
        }

        var commonName = request.SubjectName.EnumerateRelativeDistinguishedNames()
            .FirstOrDefault(n => !n.HasMultipleElements && n.GetSingleElementType().Value == CommonNameOid)?.GetSingleElementValue();
        if (commonName is not null && !names.DnsNames.Contains(commonName, StringComparer.OrdinalIgnoreCase))
        {
            throw Bad($"The CSR's common name '{commonName}' is not among its subjectAltName DNS names.");
        }

        var asked = new HashSet<string>(names.DnsNames, StringComparer.OrdinalIgnoreCase);
        var ordered = new HashSet<string>(orderNames, StringComparer.OrdinalIgnoreCase);
        if (!asked.SetEquals(ordered))
        {
            throw Bad($"The CSR asks for [{string.Join(", ", asked.Order(StringComparer.Ordinal))}] but the order is for "
                + $"[{string.Join(", ", ordered.Order(StringComparer.Ordinal))}]; they must be the same names.");
        }

        return PemEncoding.WriteString("CERTIFICATE REQUEST", der);
    }

    private static AcmeProblemException Bad(string detail) => new(AcmeProblem.BadCsr(detail));
}
