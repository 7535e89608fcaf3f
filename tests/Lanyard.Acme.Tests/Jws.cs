using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lanyard.Acme.Tests;

/// <summary>Builds flattened JWS requests as ACME clients send them, and lets a test spoil any part.</summary>
internal static class Jws
{
    public const string Url = "https://lanyard.test/acme/dev/new-order";

    public static JsonObject Jwk(ECDsa key)
    {
        var p = key.ExportParameters(false);
        var curve = p.Q.X!.Length switch { 32 => "P-256", 48 => "P-384", _ => "P-521" };
        return new JsonObject { ["kty"] = "EC", ["crv"] = curve, ["x"] = Base64Url.Encode(p.Q.X), ["y"] = Base64Url.Encode(p.Q.Y!) };
    }

    public static JsonObject Jwk(RSA key)
    {
        var p = key.ExportParameters(false);
        return new JsonObject { ["kty"] = "RSA", ["n"] = Base64Url.Encode(p.Modulus!), ["e"] = Base64Url.Encode(p.Exponent!) };
    }

    public static JsonObject Header(string alg, JsonObject? jwk = null, string? kid = null, string? nonce = "nonce-1", string url = Url)
    {
        var header = new JsonObject { ["alg"] = alg, ["url"] = url };
        if (nonce is not null)
        {
            header["nonce"] = nonce;
        }

        if (jwk is not null)
        {
            header["jwk"] = jwk;
        }

        if (kid is not null)
        {
            header["kid"] = kid;
        }

        return header;
    }

    public static byte[] Sign(JsonObject header, string payload, Func<byte[], byte[]> sign)
    {
        var protectedText = B64(header.ToJsonString());
        var payloadText = B64(payload);
        var signature = sign(Encoding.ASCII.GetBytes(protectedText + "." + payloadText));
        return Body(protectedText, payloadText, Base64Url.Encode(signature));
    }

    public static byte[] SignEs256(ECDsa key, JsonObject header, string payload = """{"identifiers":[]}""") =>
        Sign(header, payload, data => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public static byte[] SignRs256(RSA key, JsonObject header, string payload = """{"identifiers":[]}""") =>
        Sign(header, payload, data => key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public static byte[] Body(string protectedText, string payloadText, string signatureText) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["protected"] = protectedText, ["payload"] = payloadText, ["signature"] = signatureText,
        });

    public static string B64(string text) => Base64Url.Encode(Encoding.UTF8.GetBytes(text));

    public static AcmeProblem Refusal(Action parse) => Assert.Throws<AcmeProblemException>(parse).Problem;
}
