using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lanyard.Pki.Jose;

namespace Lanyard.Pki.Tests;

public sealed class CompactJwsTests
{
    [Fact]
    public void An_es256_jws_carries_its_header_and_payload_and_verifies_with_the_public_key()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var payload = """{"sub":"spiffe://prod.example/orders","exp":1700000000}"""u8.ToArray();

        var jws = CompactJws.SignEs256(key, "kid-1", "at+jwt", payload);

        var parts = jws.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("kid-1", header.RootElement.GetProperty("kid").GetString());
        Assert.Equal("at+jwt", header.RootElement.GetProperty("typ").GetString());
        Assert.Equal(payload, Base64Url.DecodeFromChars(parts[1]));
        var signature = Base64Url.DecodeFromChars(parts[2]);
        Assert.Equal(64, signature.Length);
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void A_key_on_another_curve_is_refused_rather_than_mislabelled_es256()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => CompactJws.SignEs256(key, "kid-1", "JWT", "{}"u8));
    }
}
