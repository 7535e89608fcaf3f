using System.Security.Cryptography;
using Lanyard.Core;

namespace Lanyard.Pki.Tests;

public sealed class SigningRequestTests
{
    private const string Identity = "spiffe://prod.lanyard.internal/orders-api";

    [Fact]
    public void A_request_for_the_identitys_own_spiffe_id_is_accepted_with_its_key()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = SigningRequests.Check(Certificates.Csr(key, Identity), "csr", Identity, []);

        Assert.True(result.Succeeded, result.Problem?.Detail);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), result.Value!.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void A_request_with_a_broken_signature_is_refused_because_it_proves_no_key()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = SigningRequests.Check(Certificates.WithBrokenSignature(Certificates.Csr(key)), "csr", Identity, []);

        Assert.Equal(ProblemKind.Invalid, result.Problem!.Kind);
        Assert.Contains("signature does not verify", result.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_for_another_spiffe_id_is_refused_naming_it()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = SigningRequests.Check(Certificates.Csr(key, "spiffe://prod.lanyard.internal/payments"), "csr", Identity, []);

        Assert.Contains("spiffe://prod.lanyard.internal/payments", result.Problem!.Detail, StringComparison.Ordinal);
        Assert.Equal("csr", result.Problem.Field);
    }

    [Fact]
    public void A_request_for_dns_names_is_refused_for_an_svid()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=x", key, HashAlgorithmName.SHA256);
        var sans = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        sans.AddDnsName("evil.example.com");
        request.CertificateExtensions.Add(sans.Build());

        var result = SigningRequests.Check(request.CreateSigningRequestPem(), "csr", Identity, []);

        Assert.Contains("evil.example.com", result.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Small_rsa_keys_and_unaccepted_curves_are_refused()
    {
        using var rsa = RSA.Create(1024);
        using var p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);

        var small = SigningRequests.Check(Certificates.Csr(rsa), "csr", Identity, []);
        var curve = SigningRequests.Check(Certificates.Csr(p521), "csr", Identity, []);

        Assert.Contains("1024 bits", small.Problem!.Detail, StringComparison.Ordinal);
        Assert.Contains("P-256 or P-384", curve.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Rsa_2048_and_p384_keys_are_accepted()
    {
        using var rsa = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.True(SigningRequests.Check(Certificates.Csr(rsa), "csr", Identity, []).Succeeded);
        Assert.True(SigningRequests.Check(Certificates.Csr(p384), "csr", Identity, []).Succeeded);
    }

    [Fact]
    public void Text_that_is_no_request_is_refused_as_such()
    {
        var result = SigningRequests.Check("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----", "csr", Identity, []);

        Assert.Contains("not a PEM PKCS#10", result.Problem!.Detail, StringComparison.Ordinal);
    }
}
