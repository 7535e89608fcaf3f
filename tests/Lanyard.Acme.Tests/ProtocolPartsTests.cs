using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Lanyard.Acme.Tests;

public sealed class NonceLedgerTests
{
    [Fact]
    public void A_nonce_is_accepted_once()
    {
        var nonces = new NonceLedger(new FakeTimeProvider());
        var nonce = nonces.Issue();

        Assert.True(nonces.TryConsume(nonce));
        Assert.False(nonces.TryConsume(nonce));
    }

    [Fact]
    public void Unknown_and_missing_nonces_are_refused()
    {
        var nonces = new NonceLedger(new FakeTimeProvider());

        Assert.False(nonces.TryConsume("made-up"));
        Assert.False(nonces.TryConsume(null));
    }

    [Fact]
    public void A_nonce_past_its_lifetime_is_refused()
    {
        var time = new FakeTimeProvider();
        var nonces = new NonceLedger(time);
        var nonce = nonces.Issue();

        time.Advance(NonceLedger.Lifetime + TimeSpan.FromSeconds(1));

        Assert.False(nonces.TryConsume(nonce));
    }
}

public sealed class ExternalAccountBindingTests
{
    private const string NewAccountUrl = "https://lanyard.test/acme/dev/new-account";
    private static readonly byte[] HmacKey = RandomNumberGenerator.GetBytes(32);
    private static readonly ECDsa Account = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static JsonElement Binding(JsonObject jwk, string url = NewAccountUrl, string alg = "HS256", byte[]? key = null)
    {
        var protectedText = Jws.B64(new JsonObject { ["alg"] = alg, ["kid"] = "eab_1", ["url"] = url }.ToJsonString());
        var payloadText = Jws.B64(jwk.ToJsonString());
        var mac = HMACSHA256.HashData(key ?? HmacKey, Encoding.ASCII.GetBytes(protectedText + "." + payloadText));
        return JsonDocument.Parse(Jws.Body(protectedText, payloadText, Base64Url.Encode(mac))).RootElement;
    }

    private static AccountKey Key => AccountKey.Parse(Jws.Jwk(Account).ToJsonString());

    [Fact]
    public void A_binding_macd_with_the_eab_key_verifies()
    {
        var binding = ExternalAccountBinding.Parse(Binding(Jws.Jwk(Account)), NewAccountUrl, Key);

        Assert.Equal("eab_1", binding.Kid);
        Assert.True(binding.Verify(HmacKey));
    }

    [Fact]
    public void A_binding_macd_with_another_key_does_not_verify()
    {
        var binding = ExternalAccountBinding.Parse(Binding(Jws.Jwk(Account), key: RandomNumberGenerator.GetBytes(32)), NewAccountUrl, Key);

        Assert.False(binding.Verify(HmacKey));
    }

    [Fact]
    public void A_binding_for_another_url_is_unauthorized()
    {
        var problem = Jws.Refusal(() => ExternalAccountBinding.Parse(Binding(Jws.Jwk(Account), url: "https://elsewhere/new-account"), NewAccountUrl, Key));

        Assert.Equal(AcmeProblem.Namespace + "unauthorized", problem.Type);
    }

    [Fact]
    public void A_binding_of_another_account_key_is_unauthorized()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var problem = Jws.Refusal(() => ExternalAccountBinding.Parse(Binding(Jws.Jwk(other)), NewAccountUrl, Key));

        Assert.Equal(AcmeProblem.Namespace + "unauthorized", problem.Type);
    }

    [Fact]
    public void A_binding_signed_with_an_asymmetric_algorithm_is_refused()
    {
        var problem = Jws.Refusal(() => ExternalAccountBinding.Parse(Binding(Jws.Jwk(Account), alg: "ES256"), NewAccountUrl, Key));

        Assert.Equal(AcmeProblem.Namespace + "badSignatureAlgorithm", problem.Type);
    }
}

public sealed class FinalizeRequestTests
{
    private static string Csr(string? commonName, params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(commonName is null ? "" : $"CN={commonName}", key, HashAlgorithmName.SHA256);
        if (dnsNames.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                san.AddDnsName(name);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        return Base64Url.Encode(request.CreateSigningRequest());
    }

    [Fact]
    public void A_csr_for_exactly_the_order_names_becomes_pem()
    {
        var pem = FinalizeRequest.CheckCsr(Csr("a.example", "a.example", "b.example"), ["b.example", "a.example"]);

        Assert.StartsWith("-----BEGIN CERTIFICATE REQUEST-----", pem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_common_name_that_is_not_among_the_sans_is_a_bad_csr()
    {
        var problem = Jws.Refusal(() => FinalizeRequest.CheckCsr(Csr("other.example", "a.example"), ["a.example"]));

        Assert.Equal(AcmeProblem.Namespace + "badCSR", problem.Type);
        Assert.Contains("other.example", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csr_asking_for_a_name_outside_the_order_is_a_bad_csr()
    {
        var problem = Jws.Refusal(() => FinalizeRequest.CheckCsr(Csr(null, "a.example", "evil.example"), ["a.example"]));

        Assert.Equal(AcmeProblem.Namespace + "badCSR", problem.Type);
    }

    [Fact]
    public void A_csr_missing_an_order_name_is_a_bad_csr()
    {
        Assert.Equal(AcmeProblem.Namespace + "badCSR",
            Jws.Refusal(() => FinalizeRequest.CheckCsr(Csr(null, "a.example"), ["a.example", "b.example"])).Type);
    }

    [Fact]
    public void A_csr_whose_signature_does_not_verify_is_a_bad_csr()
    {
        var der = Base64Url.TryDecode(Csr(null, "a.example"))!;
        der[^3] ^= 0x55;

        Assert.Equal(AcmeProblem.Namespace + "badCSR", Jws.Refusal(() => FinalizeRequest.CheckCsr(Base64Url.Encode(der), ["a.example"])).Type);
    }
}

public sealed class CertificateIdentifierTests
{
    [Fact]
    public void The_rfc_9773_example_identifier_reads_back_its_key_id_and_serial()
    {
        var id = CertificateIdentifier.TryParse("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE")!;

        Assert.Equal("69885B6B87464041E1B37B847BA0AE2CDE01C8D4", Convert.ToHexString(id.AuthorityKeyId));
        Assert.Equal("0087654321", id.SerialHex);
        Assert.Equal("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("only-one-part")]
    [InlineData("a.b.c")]
    [InlineData("aYhba4dGQEHhs3uEe6CuLN4ByNQ=.AIdlQyE")]
    public void Text_that_is_not_an_identifier_is_refused(string text)
    {
        Assert.Null(CertificateIdentifier.TryParse(text));
    }
}
