using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Lanyard.Acme.Tests;

public sealed class JwsMessageTests
{
    private const string Malformed = AcmeProblem.Namespace + "malformed";
    private const string BadAlgorithm = AcmeProblem.Namespace + "badSignatureAlgorithm";

    private static readonly ECDsa P256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public void Es256_request_with_embedded_jwk_parses_and_verifies()
    {
        var body = Jws.SignEs256(P256, Jws.Header("ES256", Jws.Jwk(P256)));

        var jws = JwsMessage.Parse(body, KeyReference.Jwk);

        Assert.Equal(Jws.Url, jws.Url);
        Assert.Equal("nonce-1", jws.Nonce);
        Assert.True(jws.Verify(jws.Jwk!));
    }

    [Fact]
    public void Rs256_request_with_kid_verifies_against_the_account_key()
    {
        using var rsa = RSA.Create(2048);
        var accountKey = AccountKey.Parse(Jws.Jwk(rsa).ToJsonString());
        var body = Jws.SignRs256(rsa, Jws.Header("RS256", kid: "https://lanyard.test/acme/dev/account/a1"));

        var jws = JwsMessage.Parse(body, KeyReference.Kid);

        Assert.Equal("https://lanyard.test/acme/dev/account/a1", jws.Kid);
        Assert.True(jws.Verify(accountKey));
    }

    [Fact]
    public void Alg_none_is_refused_as_a_bad_signature_algorithm()
    {
        var body = Jws.Body(Jws.B64(Jws.Header("none", Jws.Jwk(P256)).ToJsonString()), Jws.B64("{}"), "AA");

        Assert.Equal(BadAlgorithm, Jws.Refusal(() => JwsMessage.Parse(body, KeyReference.Jwk)).Type);
    }

    [Fact]
    public void Hs256_signed_with_the_public_key_as_secret_is_refused()
    {
        var jwk = Jws.Jwk(P256);
        var body = Jws.Sign(Jws.Header("HS256", jwk), "{}", data => HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwk.ToJsonString()), data));

        Assert.Equal(BadAlgorithm, Jws.Refusal(() => JwsMessage.Parse(body, KeyReference.Jwk)).Type);
    }

    [Fact]
    public void A_header_with_both_jwk_and_kid_is_malformed()
    {
        var body = Jws.SignEs256(P256, Jws.Header("ES256", Jws.Jwk(P256), kid: "https://lanyard.test/acme/dev/account/a1"));

        Assert.Equal(Malformed, Jws.Refusal(() => JwsMessage.Parse(body, KeyReference.Either)).Type);
    }

    [Fact]
    public void A_header_with_neither_jwk_nor_kid_is_malformed()
    {
        var body = Jws.SignEs256(P256, Jws.Header("ES256"));

        Assert.Equal(Malformed, Jws.Refusal(() => JwsMessage.Parse(body, KeyReference.Either)).Type);
    }

    [Fact]
    public void An_embedded_jwk_where_an_account_kid_is_required_is_malformed()
    {
        var body = Jws.SignEs256(P256, Jws.Header("ES256", Jws.Jwk(P256)));

        Assert.Equal(Malformed, Jws.Refusal(() => JwsMessage.Parse(body, KeyReference.Kid)).Type);
    }

    [Fact]
    public void A_missing_nonce_is_a_bad_nonce()
    {
        var body = Jws.SignEs256(P256, Jws.Header("ES256", Jws.Jwk(P256), nonce: null));

        Assert.Equal(AcmeProblem.Namespace + "badNonce", Jws.Refusal(() => JwsMessage.Parse(body, KeyReference.Jwk)).Type);
    }

    [Theory]
    [InlineData("padded=")]
    [InlineData("plus+slash/")]
    [InlineData("white space")]
    public void Non_base64url_members_are_malformed(string spoiled)
    {
        var good = Jws.SignEs256(P256, Jws.Header("ES256", Jws.Jwk(P256)));
        foreach (var member in new[] { "protected", "payload", "signature" })
        {
            var copy = JsonNode.Parse(good)!.AsObject();
            copy[member] = spoiled;

            var problem = Jws.Refusal(() => JwsMessage.Parse(Encoding.UTF8.GetBytes(copy.ToJsonString()), KeyReference.Jwk));

            Assert.Equal(Malformed, problem.Type);
            Assert.Contains(member, problem.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_body_over_the_limit_is_refused_before_it_is_parsed()
    {
        var body = new byte[JwsMessage.MaxBodyBytes + 1];

        var problem = Jws.Refusal(() => JwsMessage.Parse(body, KeyReference.Jwk));

        Assert.Equal(Malformed, problem.Type);
        Assert.Contains("at most", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"protected":"e30","payload":"","signature":"AA","header":{}}""")]
    [InlineData("""{"signatures":[]}""")]
    public void Bodies_that_are_not_one_flattened_jws_are_malformed(string body)
    {
        Assert.Equal(Malformed, Jws.Refusal(() => JwsMessage.Parse(Encoding.UTF8.GetBytes(body), KeyReference.Jwk)).Type);
    }

    [Fact]
    public void Es256_header_over_an_rsa_jwk_is_a_bad_signature_algorithm()
    {
        using var rsa = RSA.Create(2048);
        var body = Jws.SignRs256(rsa, Jws.Header("ES256", Jws.Jwk(rsa)));

        Assert.Equal(BadAlgorithm, Jws.Refusal(() => JwsMessage.Parse(body, KeyReference.Jwk)).Type);
    }

    [Fact]
    public void Es384_header_over_a_p256_key_is_a_bad_signature_algorithm()
    {
        var body = Jws.SignEs256(P256, Jws.Header("ES384", Jws.Jwk(P256)));

        Assert.Equal(BadAlgorithm, Jws.Refusal(() => JwsMessage.Parse(body, KeyReference.Jwk)).Type);
    }

    [Fact]
    public void Rsa_account_keys_under_2048_bits_are_bad_public_keys()
    {
        using var rsa = RSA.Create(1024);
        var body = Jws.SignRs256(rsa, Jws.Header("RS256", Jws.Jwk(rsa)));

        var problem = Jws.Refusal(() => JwsMessage.Parse(body, KeyReference.Jwk));

        Assert.Equal(AcmeProblem.Namespace + "badPublicKey", problem.Type);
        Assert.Contains("1024 bits", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_payload_no_longer_verifies()
    {
        var good = JsonNode.Parse(Jws.SignEs256(P256, Jws.Header("ES256", Jws.Jwk(P256))))!.AsObject();
        good["payload"] = Jws.B64("""{"identifiers":[{"type":"dns","value":"evil.example"}]}""");

        var jws = JwsMessage.Parse(Encoding.UTF8.GetBytes(good.ToJsonString()), KeyReference.Jwk);

        Assert.False(jws.Verify(jws.Jwk!));
    }

    [Fact]
    public void A_signature_by_another_key_does_not_verify_with_the_embedded_one()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = Jws.SignEs256(other, Jws.Header("ES256", Jws.Jwk(P256)));

        var jws = JwsMessage.Parse(body, KeyReference.Jwk);

        Assert.False(jws.Verify(jws.Jwk!));
    }

    [Fact]
    public void A_der_encoded_ecdsa_signature_is_refused_as_jws_wants_r_and_s_concatenated()
    {
        var body = Jws.Sign(Jws.Header("ES256", Jws.Jwk(P256)), "{}",
            data => P256.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        var jws = JwsMessage.Parse(body, KeyReference.Jwk);

        Assert.False(jws.Verify(jws.Jwk!));
    }

    [Fact]
    public void An_empty_payload_is_post_as_get()
    {
        var body = Jws.Sign(Jws.Header("ES256", kid: "k"), "",
            data => P256.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        Assert.True(JwsMessage.Parse(body, KeyReference.Kid).IsPostAsGet);
    }

    [Fact]
    public void Critical_header_extensions_are_refused()
    {
        var header = Jws.Header("ES256", Jws.Jwk(P256));
        header["crit"] = new JsonArray("exp");
        var body = Jws.SignEs256(P256, header);

        Assert.Equal(Malformed, Jws.Refusal(() => JwsMessage.Parse(body, KeyReference.Jwk)).Type);
    }
}
