using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Pki.Spiffe;

namespace Lanyard.Pki;

/// <summary>
/// One environment's CA hierarchy: a root and the intermediate that issues every certificate of
/// the environment, plus the intermediates it replaced that still sign CRLs for their unexpired
/// leaves. Generated hierarchies are ECDSA P-256 and carry the trust domain's SPIFFE ID; an
/// imported root or intermediate is used as it is. No key of one environment signs anything of
/// another. Instances are immutable: renewal and import return a new one.
/// </summary>
public sealed partial class EnvironmentCa : IDisposable
{
    private EnvironmentCa(
        string environment, string trustDomain, X509Certificate2 root, IReadOnlyList<X509Certificate2> chain,
        X509Certificate2 intermediate, IReadOnlyList<RetiredIssuer> retired, CaOrigin origin)
    {
        Environment = environment;
        TrustDomain = trustDomain;
        Root = root;
        Chain = chain;
        Intermediate = intermediate;
        Retired = retired;
        Origin = origin;
        IssuerId = IdOf(intermediate);
        IssuerKeyIdentifier = AuthorityKeyIdentifier(intermediate);
        ChainPem = [.. chain.Prepend(intermediate).Select(c => c.ExportCertificatePem() + "\n")];
        Roots = [.. retired.Select(r => r.Root).Prepend(root).DistinctBy(c => c.Thumbprint)];
        BundlePem = string.Concat(Roots.Select(c => c.ExportCertificatePem() + "\n"));
    }

    public string Environment { get; }

    public string TrustDomain { get; }

    /// <summary>The root; with its private key when Lanyard holds it (<see cref="HoldsRootKey"/>).</summary>
    public X509Certificate2 Root { get; }

    /// <summary>Certificates between the issuing intermediate and the root (an imported chain); usually none.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>The issuing intermediate, with its private key.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>Former issuing intermediates kept for the CRLs of their unexpired leaves.</summary>
    public IReadOnlyList<RetiredIssuer> Retired { get; }

    public CaOrigin Origin { get; }

    /// <summary>The issuing intermediate's subject key identifier in hex; names its CRL.</summary>
    public string IssuerId { get; }

    /// <summary>The authority key identifier extension of the leaves the issuing intermediate signs.</summary>
    public X509Extension IssuerKeyIdentifier { get; }

    /// <summary>The issuing intermediate and the chain above it, as PEM, for issued leaves to present.</summary>
    public IReadOnlyList<string> ChainPem { get; }

    /// <summary>Every root a relying party of this trust domain trusts: the current one and those of retired intermediates.</summary>
    public IReadOnlyList<X509Certificate2> Roots { get; }

    /// <summary>The PEM roots a relying party of this trust domain trusts.</summary>
    public string BundlePem { get; }

    /// <summary>Whether Lanyard can sign a new intermediate: it holds the root's key.</summary>
    public bool HoldsRootKey => Root.HasPrivateKey;

    /// <summary>Creates a new hierarchy; the intermediate names the root's CRL as its distribution point.</summary>
    public static EnvironmentCa Create(string environment, string trustDomain, string crlBaseUrl, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        ArgumentException.ThrowIfNullOrEmpty(trustDomain);
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = WithCaExtensions(new CertificateRequest(
            $"CN=Lanyard {environment} Root CA, OU={trustDomain}, O=Lanyard", rootKey, HashAlgorithmName.SHA256),
            trustDomain, pathLength: null);
        var root = rootRequest.CreateSelfSigned(now - CaProfile.Backdate, now + CaProfile.RootLifetime);
        var intermediate = IssueIntermediate(environment, trustDomain, root, RootCrlPoint(crlBaseUrl, environment), now);
        return new EnvironmentCa(environment, trustDomain, root, [], intermediate, [], CaOrigin.Generated);
    }

    /// <summary>Finds the CA, current or retired, whose subject key identifier is <paramref name="issuerId"/>.</summary>
    public X509Certificate2? IssuerById(string issuerId) =>
        string.Equals(issuerId, IssuerId, StringComparison.OrdinalIgnoreCase)
            ? Intermediate
            : Retired.FirstOrDefault(r => string.Equals(r.Id, issuerId, StringComparison.OrdinalIgnoreCase))?.Issuer;

    public void Dispose()
    {
        foreach (var certificate in Chain.Prepend(Root).Append(Intermediate)
                     .Concat(Retired.SelectMany(r => r.Chain.Append(r.Issuer).Append(r.Root))))
        {
            certificate.Dispose();
        }
    }

    /// <summary>The hex subject key identifier of a CA certificate (computed from its key when the extension is absent).</summary>
    public static string IdOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var ski = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifier
                  ?? new X509SubjectKeyIdentifierExtension(certificate.PublicKey, false).SubjectKeyIdentifier!;
        return ski.ToLowerInvariant();
    }

    /// <summary>The key identifier of a CA for what it signs; an imported CA may lack the subject key identifier extension.</summary>
    private static X509AuthorityKeyIdentifierExtension AuthorityKeyIdentifier(X509Certificate2 ca) =>
        X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(Convert.FromHexString(IdOf(ca)));

    /// <summary>
    /// A new issuing intermediate under a root whose key Lanyard holds. Each has a subject of its
    /// own, so CRLs and inventory records of successive intermediates never get mixed up.
    /// </summary>
    private static X509Certificate2 IssueIntermediate(
        string environment, string trustDomain, X509Certificate2 root, X509Extension? crlDistributionPoint, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyId = new X509SubjectKeyIdentifierExtension(new PublicKey(key), false).SubjectKeyIdentifier![..8].ToLowerInvariant();
        var subject = new X500DistinguishedName(
            $"CN=Lanyard {environment} Issuing CA {now.UtcDateTime:yyyyMMdd} {keyId}, OU={trustDomain}, O=Lanyard");
        using var signer = CaSigner.For(root);
        var request = WithCaExtensions(new CertificateRequest(subject, key, signer.Hash), trustDomain, pathLength: 0);
        request.CertificateExtensions.Add(AuthorityKeyIdentifier(root));
        if (crlDistributionPoint is not null)
        {
            request.CertificateExtensions.Add(crlDistributionPoint);
        }

        var notAfter = Min(now + CaProfile.IntermediateLifetime, root.NotAfter);
        using var signed = request.Create(root.SubjectName, signer.Generator, now - CaProfile.Backdate, notAfter,
            SystemCertificates.RandomSerial());
        return signed.CopyWithPrivateKey(key);
    }

    private static X509Extension RootCrlPoint(string crlBaseUrl, string environment) =>
        CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([CaProfile.RootCrlUrl(crlBaseUrl, environment)]);

    private static CertificateRequest WithCaExtensions(CertificateRequest request, string trustDomain, int? pathLength)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, pathLength is not null, pathLength ?? 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(
            new SubjectAlternativeNames([], [SpiffeId.ForTrustDomain(trustDomain).ToString()], [], []).ToExtension());
        return request;
    }

    internal static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a < new DateTimeOffset(b) ? a : new DateTimeOffset(b);
}
