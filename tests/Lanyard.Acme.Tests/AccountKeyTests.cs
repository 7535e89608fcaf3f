using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Lanyard.Acme.Tests;

public sealed class AccountKeyTests
{
    [Fact]
    public void Thumbprint_of_the_rfc_7638_example_key_is_the_one_the_rfc_gives()
    {
        const string n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

        var key = AccountKey.Parse($$"""{"kty":"RSA","n":"{{n}}","e":"AQAB","alg":"RS256","kid":"2011-04-29"}""");

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", key.Thumbprint);
    }

    [Fact]
    public void Thumbprint_ignores_member_order_and_extra_members()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = Jws.Jwk(ec);
        var reordered = new JsonObject { ["y"] = jwk["y"]!.GetValue<string>(), ["use"] = "sig", ["x"] = jwk["x"]!.GetValue<string>(), ["crv"] = "P-256", ["kty"] = "EC" };

        Assert.Equal(AccountKey.Parse(jwk.ToJsonString()).Thumbprint, AccountKey.Parse(reordered.ToJsonString()).Thumbprint);
    }

    [Fact]
    public void A_point_off_the_curve_is_a_bad_public_key()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = Jws.Jwk(ec);
        var y = Base64Url.TryDecode(jwk["y"]!.GetValue<string>())!;
        y[^1] ^= 1;
        jwk["y"] = Base64Url.Encode(y);

        var problem = Jws.Refusal(() => AccountKey.Parse(jwk.ToJsonString()));

        Assert.Equal(AcmeProblem.Namespace + "badPublicKey", problem.Type);
    }

    [Theory]
    [InlineData("""{"kty":"oct","k":"c2VjcmV0"}""")]
    [InlineData("""{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}""")]
    [InlineData("""{"kty":"RSA","n":"AQAB"}""")]
    public void Keys_of_unsupported_types_curves_or_sizes_are_bad_public_keys(string jwk)
    {
        Assert.Equal(AcmeProblem.Namespace + "badPublicKey", Jws.Refusal(() => AccountKey.Parse(jwk)).Type);
    }

    [Fact]
    public void A_jwk_carrying_the_private_key_is_refused()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = Jws.Jwk(ec);
        jwk["d"] = Base64Url.Encode(ec.ExportParameters(true).D!);

        Assert.Contains("private", Jws.Refusal(() => AccountKey.Parse(jwk.ToJsonString())).Detail, StringComparison.Ordinal);
    }
}
