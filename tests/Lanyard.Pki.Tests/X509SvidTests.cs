using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Pki.Spiffe;

namespace Lanyard.Pki.Tests;

/// <summary>Issued leaves and their CA against every MUST of the SPIFFE X509-SVID standard.</summary>
public sealed class X509SvidTests : IDisposable
{
    private const string CrlBase = "https://lanyard.test";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SpiffeId Orders = new("prod.lanyard.internal", "/orders-api");

    private readonly EnvironmentCa _ca = EnvironmentCa.Create("prod", "prod.lanyard.internal", CrlBase, Now);

    public void Dispose() => _ca.Dispose();

    private X509Certificate2 Issue(AsymmetricAlgorithm key, TimeSpan? lifetime = null)
    {
        var publicKey = key switch
        {
            ECDsa ec => new PublicKey(ec),
            RSA rsa => new PublicKey(rsa),
            _ => throw new ArgumentException("EC or RSA only", nameof(key)),
        };
        var profile = new LeafProfile(Orders, [], "orders-api", lifetime ?? LeafProfile.DefaultSvidLifetime);
        return LeafIssuer.Issue(_ca, publicKey, profile, CaProfile.IssuingCrlUrl(CrlBase, "prod", _ca.IssuerId), Now);
    }

    [Fact]
    public void The_svid_carries_exactly_one_uri_san_which_is_the_spiffe_id()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var svid = Issue(key);

        Assert.Equal(["spiffe://prod.lanyard.internal/orders-api"], Certificates.UriSans(svid));
    }

    [Fact]
    public void The_leaf_is_not_a_ca_and_says_so_in_a_critical_extension()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var svid = Issue(key);

        var constraints = svid.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.False(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
    }

    [Fact]
    public void The_leaf_key_usage_is_critical_digital_signature_without_cert_or_crl_signing()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var svid = Issue(key);

        var usage = svid.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);
    }

    [Fact]
    public void An_rsa_leaf_may_also_encipher_keys_but_never_sign_certificates()
    {
        using var key = RSA.Create(2048);
        using var svid = Issue(key);

        var usage = svid.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, usage.KeyUsages);
    }

    [Fact]
    public void The_leaf_is_for_tls_servers_and_clients()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var svid = Issue(key);

        var usages = svid.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages.Cast<Oid>().Select(o => o.Value).Order());
    }

    [Fact]
    public void The_signing_certificates_are_cas_that_may_sign_certificates_and_name_the_trust_domain()
    {
        foreach (var signing in new[] { _ca.Root, _ca.Intermediate })
        {
            var constraints = signing.Extensions.OfType<X509BasicConstraintsExtension>().Single();
            var usage = signing.Extensions.OfType<X509KeyUsageExtension>().Single();
            Assert.True(constraints.CertificateAuthority);
            Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
            Assert.Equal(["spiffe://prod.lanyard.internal"], Certificates.UriSans(signing));
        }
    }

    [Fact]
    public void The_svid_lives_an_hour_by_default_and_never_past_its_issuer()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var svid = Issue(key);
        using var longLived = Issue(key, TimeSpan.FromDays(5000));

        Assert.Equal(Now.AddHours(1), new DateTimeOffset(svid.NotAfter));
        Assert.Equal(_ca.Intermediate.NotAfter, longLived.NotAfter);
    }

    [Fact]
    public void Serials_are_positive_and_differ_between_certificates()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var first = Issue(key);
        using var second = Issue(key);

        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        var serial = first.SerialNumberBytes.Span;
        Assert.InRange(serial[0], 0x01, 0x7F);
        Assert.True(serial.Length >= 8, "at least 64 bits of serial");
    }

    [Fact]
    public void The_svid_chains_to_its_environment_root_through_the_intermediate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var svid = Issue(key);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca.Root);
        chain.ChainPolicy.ExtraStore.Add(_ca.Intermediate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.AddMinutes(1).UtcDateTime;

        Assert.True(chain.Build(svid), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(3, chain.ChainElements.Count);
    }

    [Fact]
    public void The_svid_does_not_chain_to_another_environments_root()
    {
        using var dev = EnvironmentCa.Create("dev", "dev.lanyard.internal", CrlBase, Now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var svid = Issue(key);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(dev.Root);
        chain.ChainPolicy.ExtraStore.Add(_ca.Intermediate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.AddMinutes(1).UtcDateTime;

        Assert.False(chain.Build(svid));
    }

    [Fact]
    public void Leaves_and_intermediates_name_their_issuers_crl()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var svid = Issue(key);

        var leafDp = svid.Extensions.Single(e => e.Oid!.Value == "2.5.29.31");
        var intermediateDp = _ca.Intermediate.Extensions.Single(e => e.Oid!.Value == "2.5.29.31");
        var leafCrl = System.Text.Encoding.ASCII.GetBytes($"https://lanyard.test/v1/crl/prod/{_ca.IssuerId}.crl");
        Assert.True(leafDp.RawData.AsSpan().IndexOf(leafCrl) >= 0);
        Assert.True(intermediateDp.RawData.AsSpan().IndexOf("https://lanyard.test/v1/crl/prod/root.crl"u8) >= 0);
    }

    [Fact]
    public void A_sealed_and_reopened_ca_keeps_its_certificates_and_keys()
    {
        using var reopened = EnvironmentCa.Deserialize("prod", "prod.lanyard.internal", _ca.Serialize());

        Assert.Equal(_ca.Root.Thumbprint, reopened.Root.Thumbprint);
        Assert.Equal(_ca.Intermediate.Thumbprint, reopened.Intermediate.Thumbprint);
        Assert.True(reopened.Intermediate.HasPrivateKey);
    }
}
