using Lanyard.Pki;

namespace Lanyard.Server.Api;

/// <summary>
/// <c>POST /v1/environments/{env}/ca/import</c>: the CA certificate (maybe with its chain) and its
/// private key as PEM, or a base64 PKCS#12 with its password; more chain certificates in <c>chain</c>.
/// </summary>
public sealed record ImportCaRequest(string? Certificate = null, string? Key = null, string? Pkcs12 = null,
    string? Password = null, string? Chain = null);

/// <summary>One certificate of an environment's CA hierarchy.</summary>
public sealed record CaCertificateView(
    string Subject, string KeyId, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string KeyAlgorithm, int KeySize, string Fingerprint)
{
    public static CaCertificateView From(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var key = KeyFacts.Of(certificate.PublicKey);
        return new(certificate.Subject, EnvironmentCa.IdOf(certificate), new DateTimeOffset(certificate.NotBefore),
            new DateTimeOffset(certificate.NotAfter), key.Algorithm, key.Size, key.Fingerprint);
    }
}

/// <summary>A retired intermediate, kept while its leaves have not expired.</summary>
public sealed record RetiredIssuerView(CaCertificateView Certificate, DateTimeOffset RetiredAt);

/// <summary>
/// An environment's CA: where it came from (<c>generated</c>, <c>imported-root</c>,
/// <c>imported-intermediate</c>), its root, issuing intermediate and when that is renewed, and the
/// retired intermediates whose CRLs are still published.
/// </summary>
public sealed record CaView(
    string Environment, string TrustDomain, string Origin, CaCertificateView Root, IReadOnlyList<CaCertificateView> Chain,
    CaCertificateView Intermediate, DateTimeOffset? RenewsAt, IReadOnlyList<RetiredIssuerView> Retired, int BundleRoots)
{
    public static CaView From(EnvironmentCa ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        var renewsAt = ca.HoldsRootKey
            ? new DateTimeOffset(ca.Intermediate.NotAfter) - EnvironmentCa.RenewalWindow(ca.Intermediate)
            : (DateTimeOffset?)null;
        return new(ca.Environment, ca.TrustDomain, EnumText.Of(ca.Origin), CaCertificateView.From(ca.Root),
            [.. ca.Chain.Select(CaCertificateView.From)], CaCertificateView.From(ca.Intermediate), renewsAt,
            [.. ca.Retired.Select(r => new RetiredIssuerView(CaCertificateView.From(r.Issuer), r.RetiredAt))], ca.Roots.Count);
    }
}
