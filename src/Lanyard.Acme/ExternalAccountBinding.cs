using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lanyard.Acme;

/// <summary>
/// The <c>externalAccountBinding</c> of a newAccount request (RFC 8555 section 7.3.4): a JWS
/// MAC-ed with the key Lanyard handed out, whose <c>kid</c> names that key, whose <c>url</c> is
/// the newAccount URL, and whose payload is the account's own public key.
/// </summary>
public sealed class ExternalAccountBinding
{
    private readonly string _algorithm;
    private readonly byte[] _signingInput;
    private readonly byte[] _mac;

    private ExternalAccountBinding(string kid, string algorithm, byte[] signingInput, byte[] mac)
    {
        Kid = kid;
        _algorithm = algorithm;
        _signingInput = signingInput;
        _mac = mac;
    }

    /// <summary>The EAB key id the binding claims; only a verified binding proves it.</summary>
    public string Kid { get; }

    /// <summary>Reads the binding and checks its form against the outer request's URL and key.</summary>
    public static ExternalAccountBinding Parse(JsonElement binding, string newAccountUrl, AccountKey accountKey)
    {
        ArgumentNullException.ThrowIfNull(accountKey);
        if (binding.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("externalAccountBinding is not a JSON object.");
        }

        var protectedText = Text(binding, "protected");
        var payloadText = Text(binding, "payload");
        var mac = Base64Url.TryDecode(Text(binding, "signature"))
            ?? throw Malformed("externalAccountBinding's signature is not base64url.");
        var header = Base64Url.TryDecode(protectedText) ?? throw Malformed("externalAccountBinding's protected header is not base64url.");
        var payload = Base64Url.TryDecode(payloadText) ?? throw Malformed("externalAccountBinding's payload is not base64url.");

        string algorithm;
        string kid;
        try
        {
            using var headerJson = JsonDocument.Parse(header);
            var root = headerJson.RootElement;
            algorithm = root.GetProperty("alg").GetString() ?? "";
            kid = root.GetProperty("kid").GetString() ?? "";
            if (root.TryGetProperty("nonce", out _))
            {
                throw Malformed("externalAccountBinding's protected header must not carry a nonce.");
            }

            if (root.GetProperty("url").GetString() != newAccountUrl)
            {
                throw Unauthorized("externalAccountBinding's url is not this newAccount URL.");
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw Malformed("externalAccountBinding's protected header must be a JSON object with string 'alg', 'kid' and 'url'.");
        }

        if (algorithm is not ("HS256" or "HS384" or "HS512"))
        {
            throw new AcmeProblemException(AcmeProblem.BadSignatureAlgorithm(
                $"externalAccountBinding is MAC-ed with '{algorithm}'; use HS256, HS384 or HS512."));
        }

        AccountKey bound;
        try
        {
            using var payloadJson = JsonDocument.Parse(payload);
            bound = AccountKey.Parse(payloadJson.RootElement);
        }
        catch (JsonException)
        {
            throw Malformed("externalAccountBinding's payload is not the account's JWK.");
        }

        if (!bound.SameAs(accountKey))
        {
            throw Unauthorized("externalAccountBinding binds a different key than the one the account is created with.");
        }

        return new ExternalAccountBinding(kid, algorithm, Encoding.ASCII.GetBytes(protectedText + "." + payloadText), mac);
    }

    /// <summary>Whether the MAC verifies with the EAB key; compared in constant time.</summary>
    public bool Verify(ReadOnlySpan<byte> hmacKey)
    {
        var expected = _algorithm switch
        {
            "HS256" => HMACSHA256.HashData(hmacKey, _signingInput),
            "HS384" => HMACSHA384.HashData(hmacKey, _signingInput),
            _ => HMACSHA512.HashData(hmacKey, _signingInput),
        };
        return CryptographicOperations.FixedTimeEquals(expected, _mac);
    }

    private static string Text(JsonElement binding, string name) =>
        binding.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Malformed($"externalAccountBinding lacks the string member '{name}'.");

    private static AcmeProblemException Malformed(string detail) => new(AcmeProblem.Malformed(detail));

    private static AcmeProblemException Unauthorized(string detail) => new(AcmeProblem.Unauthorized(detail));
}
