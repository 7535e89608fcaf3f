using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Pki.Spiffe;

namespace Lanyard.Pki.Tests;

/// <summary>The issuing intermediate is replaced inside its renewal window; its predecessor keeps its CRL.</summary>
public sealed class IntermediateRenewalTests : IDisposable
{
    private const string CrlBase = "https://lanyard.test";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly EnvironmentCa _ca = EnvironmentCa.Create("prod", "prod.lanyard.internal", CrlBase, Now);

    public void Dispose() => _ca.Dispose();

    [Fact]
    public void The_window_is_twice_the_longest_leaf_or_a_third_of_the_intermediates_life_whichever_is_longer()
    {
        var window = EnvironmentCa.RenewalWindow(_ca.Intermediate);
        var renewAt = new DateTimeOffset(_ca.Intermediate.NotAfter) - window;

        Assert.Equal(LeafProfile.MaximumLifetime * 2, window);
        Assert.False(_ca.RenewalDue(renewAt - TimeSpan.FromMinutes(1)));
        Assert.True(_ca.RenewalDue(renewAt + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_renewed_intermediate_has_a_new_key_under_the_same_root_and_the_old_one_is_retired()
    {
        var later = Now + TimeSpan.FromDays(400);

        using var renewed = _ca.RenewIntermediate(later);

        Assert.NotEqual(_ca.IssuerId, renewed.IssuerId);
        Assert.NotEqual(_ca.Intermediate.Subject, renewed.Intermediate.Subject);
        Assert.Equal(_ca.Root.Thumbprint, renewed.Root.Thumbprint);
        Assert.Equal(later + CaProfile.IntermediateLifetime, new DateTimeOffset(renewed.Intermediate.NotAfter), TimeSpan.FromSeconds(1));
        Assert.Equal([_ca.IssuerId], renewed.Retired.Select(r => r.Id));
        Assert.Single(renewed.Roots);
        Assert.False(renewed.RenewalDue(later));
        Assert.Equal(_ca.Intermediate.Extensions["2.5.29.31"]!.RawData, renewed.Intermediate.Extensions["2.5.29.31"]!.RawData);
    }

    [Fact]
    public void Leaves_of_the_old_and_new_intermediate_both_chain_to_the_root_and_name_their_own_crl()
    {
        var later = Now + TimeSpan.FromDays(400);
        using var renewed = _ca.RenewIntermediate(later);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var profile = new LeafProfile(new SpiffeId("prod.lanyard.internal", "/a"), [], "a", TimeSpan.FromHours(1));

        using var oldLeaf = LeafIssuer.Issue(_ca, new PublicKey(key), profile, CaProfile.IssuingCrlUrl(CrlBase, "prod", _ca.IssuerId), later);
        using var newLeaf = LeafIssuer.Issue(renewed, new PublicKey(key), profile,
            CaProfile.IssuingCrlUrl(CrlBase, "prod", renewed.IssuerId), later);

        Assert.Equal(renewed.Intermediate.Subject, newLeaf.Issuer);
        foreach (var (leaf, issuer) in new[] { (oldLeaf, _ca.Intermediate), (newLeaf, renewed.Intermediate) })
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = later.UtcDateTime;
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(renewed.Root);
            chain.ChainPolicy.ExtraStore.Add(issuer);
            Assert.True(chain.Build(leaf));
        }

        var revoked = new[] { new RevokedCertificate(oldLeaf.SerialNumber, later) };
        var crl = RevocationLists.Build(renewed.IssuerById(_ca.IssuerId)!, revoked, RevocationLists.NumberFor(later), later);
        Assert.True(CrlSignature.Verifies(crl, _ca.Intermediate), "the retired intermediate still signs its CRL");
    }

    [Fact]
    public void An_intermediate_already_ending_with_its_root_is_not_renewed_again_and_again()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = ExternalCa.Root(rootKey, Now, lifetime: TimeSpan.FromDays(500));
        var imported = CaImport.Read(new CaImportSource(root.ExportCertificatePem(), ExternalCa.KeyPem(rootKey), null, null), Now).Value!;
        using var ca = _ca.WithImported(imported, CrlBase, Now);

        Assert.Equal(root.NotAfter, ca.Intermediate.NotAfter);
        Assert.False(ca.RenewalDue(Now + TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Sealed_and_reopened_the_hierarchy_keeps_its_retired_intermediates_and_origin()
    {
        using var renewed = _ca.RenewIntermediate(Now + TimeSpan.FromDays(400));

        using var reopened = EnvironmentCa.Deserialize("prod", "prod.lanyard.internal", renewed.Serialize());

        Assert.Equal(renewed.IssuerId, reopened.IssuerId);
        Assert.Equal(renewed.Retired.Select(r => r.Id), reopened.Retired.Select(r => r.Id));
        Assert.True(reopened.Retired[0].Issuer.HasPrivateKey);
        Assert.Equal(renewed.Retired[0].RetiredAt, reopened.Retired[0].RetiredAt);
        Assert.True(reopened.HoldsRootKey);
        Assert.Equal(CaOrigin.Generated, reopened.Origin);
        Assert.Empty(reopened.Keeping(_ => false).Retired);
    }
}
