using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Pki.Spiffe;

namespace Lanyard.Pki.Tests;

/// <summary>Importing an operator's root or intermediate in place of the generated CA, and the refusals that change nothing.</summary>
public sealed class CaImportTests : IDisposable
{
    private const string CrlBase = "https://lanyard.test";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly EnvironmentCa _generated = EnvironmentCa.Create("prod", "prod.lanyard.internal", CrlBase, Now);

    public void Dispose() => _generated.Dispose();

    private static X509Certificate2 IssueLeaf(EnvironmentCa ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var profile = new LeafProfile(new SpiffeId("prod.lanyard.internal", "/orders"), [], "orders", TimeSpan.FromHours(1));
        return LeafIssuer.Issue(ca, new PublicKey(key), profile, CaProfile.IssuingCrlUrl(CrlBase, "prod", ca.IssuerId), Now);
    }

    private static bool Chains(X509Certificate2 leaf, IEnumerable<X509Certificate2> intermediates, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates.ToArray());
        return chain.Build(leaf);
    }

    [Fact]
    public void An_imported_rsa_root_gets_a_fresh_intermediate_whose_leaves_chain_to_that_root()
    {
        using var rootKey = RSA.Create(3072);
        using var root = ExternalCa.Root(rootKey, Now);

        var imported = CaImport.Read(new CaImportSource(root.ExportCertificatePem(), ExternalCa.KeyPem(rootKey), null, null), Now);
        using var ca = _generated.WithImported(imported.Value!, CrlBase, Now);
        using var leaf = IssueLeaf(ca);

        Assert.True(imported.Succeeded, imported.Problem?.Detail);
        Assert.Equal(CaOrigin.ImportedRoot, ca.Origin);
        Assert.Equal(root.Thumbprint, ca.Root.Thumbprint);
        Assert.Equal(root.Subject, ca.Intermediate.Issuer);
        Assert.True(ca.HoldsRootKey);
        Assert.True(Chains(leaf, [ca.Intermediate], root));
    }

    [Fact]
    public void An_imported_p384_intermediate_with_its_root_in_the_file_issues_leaves_itself()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var root = ExternalCa.Root(rootKey, Now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var intermediate = ExternalCa.Intermediate(root, key, Now);
        var pem = intermediate.ExportCertificatePem() + "\n" + root.ExportCertificatePem();

        var imported = CaImport.Read(new CaImportSource(pem, ExternalCa.KeyPem(key), null, null), Now);
        using var ca = _generated.WithImported(imported.Value!, CrlBase, Now);
        using var leaf = IssueLeaf(ca);

        Assert.Equal(CaOrigin.ImportedIntermediate, ca.Origin);
        Assert.False(ca.HoldsRootKey);
        Assert.Equal(intermediate.Thumbprint, ca.Intermediate.Thumbprint);
        Assert.Equal("sha384ECDSA", leaf.SignatureAlgorithm.FriendlyName);
        Assert.True(Chains(leaf, [ca.Intermediate], root));
        Assert.False(ca.RenewalDue(Now + TimeSpan.FromDays(999)), "Lanyard can't sign a successor without the root's key");
    }

    [Fact]
    public void An_import_replaces_the_issuer_but_keeps_the_old_root_in_the_bundle_and_the_old_intermediate_for_its_crl()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = ExternalCa.Root(rootKey, Now);
        using var oldLeaf = IssueLeaf(_generated);

        var imported = CaImport.Read(new CaImportSource(root.ExportCertificatePem(), ExternalCa.KeyPem(rootKey), null, null), Now).Value!;
        using var ca = _generated.WithImported(imported, CrlBase, Now);

        Assert.Equal([root.Thumbprint, _generated.Root.Thumbprint], ca.Roots.Select(r => r.Thumbprint));
        Assert.Contains(_generated.Root.ExportCertificatePem(), ca.BundlePem, StringComparison.Ordinal);
        Assert.NotNull(ca.IssuerById(_generated.IssuerId));
        Assert.True(Chains(oldLeaf, [_generated.Intermediate], ca.Roots[1]));
    }

    [Fact]
    public void An_intermediate_without_its_root_is_refused_as_an_incomplete_chain()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = ExternalCa.Root(rootKey, Now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var intermediate = ExternalCa.Intermediate(root, key, Now);

        var refused = CaImport.Read(new CaImportSource(intermediate.ExportCertificatePem(), ExternalCa.KeyPem(key), null, null), Now);

        Assert.Equal("certificate", refused.Problem!.Field);
        Assert.Contains("up to its self-signed root", refused.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_certificate_is_refused()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = ExternalCa.Root(rootKey, Now);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var refused = CaImport.Read(new CaImportSource(root.ExportCertificatePem(), ExternalCa.KeyPem(otherKey), null, null), Now);

        Assert.Equal("key", refused.Problem!.Field);
        Assert.Contains("does not belong", refused.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_algorithm_is_refused_as_not_belonging_to_the_certificate()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = ExternalCa.Root(rootKey, Now);
        using var rsa = RSA.Create(2048);

        var refused = CaImport.Read(new CaImportSource(root.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem(), null, null), Now);

        Assert.Equal("key", refused.Problem!.Field);
        Assert.Contains("is an RSA key", refused.Problem.Detail, StringComparison.Ordinal);
        Assert.Contains("holds an EC key", refused.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pkcs12_opens_with_its_password_and_a_wrong_password_is_refused_by_name()
    {
        using var rootKey = RSA.Create(2048);
        using var root = ExternalCa.Root(rootKey, Now);
        var pkcs12 = root.Export(X509ContentType.Pkcs12, "s3cret");

        var opened = CaImport.Read(new CaImportSource(null, null, pkcs12, "s3cret"), Now);
        var refused = CaImport.Read(new CaImportSource(null, null, pkcs12, "wrong"), Now);

        Assert.True(opened.Succeeded, opened.Problem?.Detail);
        Assert.True(opened.Value!.IsRoot);
        Assert.Equal("password", refused.Problem!.Field);
        Assert.Contains("password is wrong", refused.Problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, X509KeyUsageFlags.KeyCertSign, "is not a CA")]
    [InlineData(true, X509KeyUsageFlags.DigitalSignature, "lacks keyCertSign")]
    public void A_certificate_that_may_not_sign_certificates_is_refused(bool ca, X509KeyUsageFlags usage, string reason)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = ExternalCa.Root(key, Now, ca: ca, usage: usage);

        var refused = CaImport.Read(new CaImportSource(certificate.ExportCertificatePem(), ExternalCa.KeyPem(key), null, null), Now);

        Assert.Contains(reason, refused.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_ca_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = ExternalCa.Root(key, Now.AddDays(-400), lifetime: TimeSpan.FromDays(365));

        var refused = CaImport.Read(new CaImportSource(root.ExportCertificatePem(), ExternalCa.KeyPem(key), null, null), Now);

        Assert.Contains("is not valid now", refused.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Weak_or_unusual_keys_are_refused()
    {
        using var rsa = RSA.Create(1024);
        using var weak = ExternalCa.Root(rsa, Now);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        using var p521 = ExternalCa.Root(ec, Now);

        var rsaRefused = CaImport.Read(new CaImportSource(weak.ExportCertificatePem(), ExternalCa.KeyPem(rsa), null, null), Now);
        var ecRefused = CaImport.Read(new CaImportSource(p521.ExportCertificatePem(), ExternalCa.KeyPem(ec), null, null), Now);

        Assert.Contains("1024 bits", rsaRefused.Problem!.Detail, StringComparison.Ordinal);
        Assert.Contains("use P-256 or P-384", ecRefused.Problem!.Detail, StringComparison.Ordinal);
    }
}
