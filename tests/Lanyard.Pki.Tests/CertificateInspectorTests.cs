using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Pki.Inspection;
using Lanyard.Pki.Spiffe;

namespace Lanyard.Pki.Tests;

public sealed class CertificateInspectorTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    private readonly EnvironmentCa _ca = EnvironmentCa.Create("prod", "prod.lanyard.internal", "https://lanyard.test", Now.AddDays(-1));

    public void Dispose() => _ca.Dispose();

    private X509Certificate2Collection Roots => [_ca.Root];

    private X509Certificate2 Server(TimeSpan lifetime, params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return LeafIssuer.Issue(_ca, new PublicKey(key),
            new LeafProfile(new SpiffeId("prod.lanyard.internal", "/web"), names, names[0], lifetime), "https://lanyard.test/v1/crl/prod.crl", Now);
    }

    private static List<string> Kinds(IEnumerable<CertificateProblem> problems) => problems.Select(p => p.Kind).ToList();

    [Fact]
    public void A_fresh_lanyard_certificate_for_the_right_name_has_no_problem()
    {
        using var leaf = Server(TimeSpan.FromDays(90), "web.internal");

        Assert.Empty(CertificateInspector.Inspect(leaf, [_ca.Intermediate], "web.internal", Roots, Now, Window));
    }

    [Fact]
    public void Expiry_inside_the_window_is_expiring_and_past_it_expired()
    {
        using var leaf = Server(TimeSpan.FromDays(10), "web.internal");

        Assert.Equal(["expiring"], Kinds(CertificateInspector.Inspect(leaf, [_ca.Intermediate], "web.internal", Roots, Now, Window)));
        Assert.Equal(["expired"], Kinds(CertificateInspector.Inspect(leaf, [_ca.Intermediate], "web.internal", Roots, Now.AddDays(11), Window)));
    }

    [Fact]
    public void Another_name_and_a_missing_intermediate_are_reported()
    {
        using var leaf = Server(TimeSpan.FromDays(90), "web.internal");

        var problems = CertificateInspector.Inspect(leaf, [], "api.internal", Roots, Now, Window);

        Assert.Equal(["hostname-mismatch", "untrusted-issuer"], Kinds(problems));
    }

    [Fact]
    public void Rsa_1024_and_sha1_that_chain_builders_accept_are_weak()
    {
        using var key = RSA.Create(1024);
        var request = new CertificateRequest("CN=legacy.internal", key, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddDnsName("legacy.internal");
        request.CertificateExtensions.Add(sans.Build());
        using var legacy = request.Create(request.SubjectName, new Sha1RsaSignatureGenerator(key), Now.AddDays(-1), Now.AddDays(365), [1, 2, 3]);

        var problems = CertificateInspector.Inspect(legacy, [], "legacy.internal", [legacy], Now, Window);

        Assert.Contains("weak-key", Kinds(problems));
        Assert.Contains("weak-signature", Kinds(problems));
    }

    [Fact]
    public void A_spiffe_certificate_with_two_uri_sans_or_ca_rights_breaks_the_svid_rules()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=bad", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new SubjectAlternativeNames([],
            ["spiffe://prod.lanyard.internal/a", "spiffe://prod.lanyard.internal/b"], [], []).ToExtension());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        using var bad = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(365));

        var details = CertificateInspector.Inspect(bad, [], null, [bad], Now, Window)
            .Where(p => p.Kind == "spiffe-violation").Select(p => p.Detail).ToList();

        Assert.Contains(details, d => d.Contains("exactly one URI SAN", StringComparison.Ordinal));
        Assert.Contains(details, d => d.Contains("is a CA", StringComparison.Ordinal));
        Assert.Contains(details, d => d.Contains("may not sign certificates", StringComparison.Ordinal));
    }
}
