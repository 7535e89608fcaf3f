using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Core;

namespace Lanyard.Pki;

/// <summary>
/// Reads a PKCS#10 request and decides whether Lanyard certifies its key: the signature must
/// verify (proof the caller holds the key), the key must be of an accepted type, and every name it
/// asks for must be one the identity may carry. Lanyard writes its own extensions into the
/// certificate; those of the request are read only to refuse what the caller may not have.
/// </summary>
public static class SigningRequests
{
    public const int MaxPemLength = 64 * 1024;

    /// <param name="pem">The request as PEM.</param>
    /// <param name="field">The request field to name in a refusal.</param>
    /// <param name="spiffeId">The one URI the identity may ask for.</param>
    /// <param name="allowedDnsNames">The DNS names it may ask for.</param>
    public static Result<PublicKey> Check(string? pem, string field, string spiffeId, IReadOnlyCollection<string> allowedDnsNames)
    {
        ArgumentNullException.ThrowIfNull(allowedDnsNames);
        if (string.IsNullOrWhiteSpace(pem) || pem.Length > MaxPemLength)
        {
            return Problem.Invalid(field, $"Send a PEM PKCS#10 certificate request of at most {MaxPemLength} characters.");
        }

        var load = Load(pem, field);
        if (!load.Succeeded)
        {
            return load.Problem!;
        }

        var request = load.Value!;
        if (KeyFacts.Refusal(request.PublicKey) is { } keyRefusal)
        {
            return Problem.Invalid(field, $"The request's key is refused: {keyRefusal}.");
        }

        if (NameRefusal(request, spiffeId, allowedDnsNames) is { } nameRefusal)
        {
            return Problem.Invalid(field, nameRefusal);
        }

        return request.PublicKey;
    }

    private static Result<CertificateRequest> Load(string pem, string field)
    {
        const CertificateRequestLoadOptions ReadExtensions = CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions;
        try
        {
            return CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, ReadExtensions);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or AsnContentException)
        {
            // Only a refusal reads the request a second time, to tell a broken signature from a
            // request that is not one at all.
            return Problem.Invalid(field, ParsesWithoutSignature(pem, ReadExtensions)
                ? "The request's signature does not verify with its own key (or uses an unsupported algorithm); nothing was issued."
                : "The request is not a PEM PKCS#10 certificate request (-----BEGIN CERTIFICATE REQUEST-----).");
        }
    }

    private static bool ParsesWithoutSignature(string pem, CertificateRequestLoadOptions options)
    {
        try
        {
            CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256,
                options | CertificateRequestLoadOptions.SkipSignatureValidation);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or AsnContentException)
        {
            return false;
        }
    }

    private static string? NameRefusal(CertificateRequest request, string spiffeId, IReadOnlyCollection<string> allowedDnsNames)
    {
        SubjectAlternativeNames names;
        try
        {
            names = SubjectAlternativeNames.Of(request.CertificateExtensions);
        }
        catch (AsnContentException)
        {
            return "The request's subjectAltName extension is not valid DER.";
        }

        if (names.Uris.FirstOrDefault(u => !string.Equals(u, spiffeId, StringComparison.Ordinal)) is { } uri)
        {
            return $"The request asks for the URI '{uri}'; this identity is {spiffeId} and may ask for no other.";
        }

        if (names.DnsNames.FirstOrDefault(d => !allowedDnsNames.Contains(d, StringComparer.OrdinalIgnoreCase)) is { } dns)
        {
            return allowedDnsNames.Count == 0
                ? $"The request asks for the DNS name '{dns}'; an X.509-SVID carries only the identity's SPIFFE ID."
                : $"The request asks for the DNS name '{dns}', which is not among the names requested for this certificate.";
        }

        if (names.IpAddresses.Count > 0 || names.Others.Count > 0)
        {
            return "The request asks for IP addresses or other names; Lanyard certifies only the identity's SPIFFE ID and DNS names.";
        }

        var constraints = request.CertificateExtensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.19");
        return constraints is not null
            && new X509BasicConstraintsExtension(constraints, constraints.Critical).CertificateAuthority
            ? "The request asks to be a CA; Lanyard issues only end-entity certificates." : null;
    }
}
