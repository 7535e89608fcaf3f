using System.Text;
using System.Text.Json;

namespace Lanyard.Acme;

/// <summary>Which key a request must identify itself by (RFC 8555 section 6.2).</summary>
public enum KeyReference
{
    /// <summary>An embedded <c>jwk</c>: newAccount, and the inner JWS of keyChange.</summary>
    Jwk,

    /// <summary>An account URL in <c>kid</c>: every other request.</summary>
    Kid,

    /// <summary>Either: revokeCert, signed by the account key or the certificate's key.</summary>
    Either,
}

/// <summary>
/// A flattened JWS JSON request (RFC 7515 section 7.2.2) as ACME constrains it: one signature, a
/// protected header with an asymmetric <c>alg</c>, <c>url</c>, and exactly one of <c>jwk</c> or
/// <c>kid</c>; no unprotected header. Parsing checks the form; <see cref="Verify"/> the signature.
/// </summary>
public sealed class JwsMessage
{
    /// <summary>The largest request body Lanyard reads; a CSR with a hundred names fits many times.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static readonly IReadOnlySet<string> Algorithms = new HashSet<string>(StringComparer.Ordinal)
    {
        "ES256", "ES384", "ES512", "RS256"
    };

    private JwsMessage(string algorithm, string url, string? nonce, AccountKey? jwk, string? kid, byte[] payload,
        byte[] signingInput, byte[] signature)
    {
        Algorithm = algorithm;
        Url = url;
        Nonce = nonce;
        Jwk = jwk;
        Kid = kid;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    public string Algorithm { get; }

    public string Url { get; }

    /// <summary>Null only where no nonce is required (the inner JWS of keyChange).</summary>
    public string? Nonce { get; }

    public AccountKey? Jwk { get; }

    public string? Kid { get; }

    /// <summary>The decoded payload; empty for POST-as-GET.</summary>
    public byte[] Payload { get; }

    public bool IsPostAsGet => Payload.Length == 0;

    private byte[] SigningInput { get; }

    private byte[] Signature { get; }

    /// <summary>Parses a request body; throws <see cref="AcmeProblemException"/> naming what is wrong.</summary>
    /// <param name="body">The raw body.</param>
    /// <param name="keys">Which key reference the endpoint takes.</param>
    /// <param name="nonceRequired">False only for the inner JWS of keyChange.</param>
    public static JwsMessage Parse(ReadOnlySpan<byte> body, KeyReference keys, bool nonceRequired = true)
    {
        if (body.Length > MaxBodyBytes)
        {
            throw Malformed($"The request body has {body.Length} bytes; ACME requests here are at most {MaxBodyBytes}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            throw Malformed("The request body is not JSON; send a flattened JWS (RFC 7515 section 7.2.2).");
        }

        using (document)
        {
            return Parse(document.RootElement, keys, nonceRequired);
        }
    }

    /// <summary>Parses a JWS already read as JSON, such as the inner one of keyChange.</summary>
    public static JwsMessage Parse(JsonElement jws, KeyReference keys, bool nonceRequired = true)
    {
        if (jws.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("The request is not a JSON object; send a flattened JWS.");
        }

        if (jws.TryGetProperty("signatures", out _) || jws.TryGetProperty("header", out _))
        {
            throw Malformed("ACME takes a flattened JWS with one signature and no unprotected header.");
        }

        var protectedText = Text(jws, "protected");
        var payloadText = Text(jws, "payload");
        var signatureText = Text(jws, "signature");
        var protectedBytes = Base64Url.TryDecode(protectedText) ?? throw Malformed("The JWS 'protected' member is not base64url.");
        var payload = Base64Url.TryDecode(payloadText) ?? throw Malformed("The JWS 'payload' member is not base64url.");
        var signature = Base64Url.TryDecode(signatureText) ?? throw Malformed("The JWS 'signature' member is not base64url.");
        if (signature.Length == 0)
        {
            throw Malformed("The JWS carries no signature.");
        }

        var header = ReadHeader(protectedBytes);
        using (header)
        {
            var root = header.RootElement;
            var algorithm = HeaderString(root, "alg") ?? throw Malformed("The protected header has no 'alg'.");
            if (!Algorithms.Contains(algorithm))
            {
                throw new AcmeProblemException(AcmeProblem.BadSignatureAlgorithm(
                    $"The JWS algorithm '{algorithm}' is not accepted; use one of {string.Join(", ", Algorithms)}."));
            }

            var url = HeaderString(root, "url") ?? throw Malformed("The protected header has no 'url'.");
            var nonce = HeaderString(root, "nonce");
            if (nonceRequired && nonce is null)
            {
                throw new AcmeProblemException(AcmeProblem.BadNonce("The protected header has no 'nonce'; fetch one from newNonce."));
            }

            if (root.TryGetProperty("crit", out _))
            {
                throw Malformed("The protected header names critical extensions ('crit') that Lanyard does not understand.");
            }

            var (jwk, kid) = ReadKey(root, keys, algorithm);
            var signingInput = Encoding.ASCII.GetBytes(protectedText + "." + payloadText);
            return new JwsMessage(algorithm, url, nonce, jwk, kid, payload, signingInput, signature);
        }
    }

    /// <summary>Whether the signature verifies with <paramref name="key"/> under the header's algorithm.</summary>
    public bool Verify(AccountKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Verify(Algorithm, SigningInput, Signature);
    }

    /// <summary>The payload as JSON; throws malformed when it is not a JSON object.</summary>
    public JsonDocument PayloadJson()
    {
        try
        {
            var document = JsonDocument.Parse(Payload, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        throw Malformed("The JWS payload is not a JSON object.");
    }

    private static JsonDocument ReadHeader(byte[] protectedBytes)
    {
        try
        {
            var header = JsonDocument.Parse(protectedBytes, new JsonDocumentOptions { MaxDepth = 8 });
            if (header.RootElement.ValueKind == JsonValueKind.Object)
            {
                return header;
            }

            header.Dispose();
        }
        catch (JsonException)
        {
        }

        throw Malformed("The JWS protected header is not a JSON object.");
    }

    private static (AccountKey? Jwk, string? Kid) ReadKey(JsonElement header, KeyReference keys, string algorithm)
    {
        var hasJwk = header.TryGetProperty("jwk", out var jwkElement);
        var kid = HeaderString(header, "kid");
        if (hasJwk == (kid is not null) || (header.TryGetProperty("kid", out _) && kid is null))
        {
            throw Malformed("The protected header must carry exactly one of 'jwk' and 'kid'.");
        }

        if (hasJwk && keys == KeyReference.Kid)
        {
            throw Malformed("This request must name its account with 'kid', not embed a 'jwk'.");
        }

        if (!hasJwk && keys == KeyReference.Jwk)
        {
            throw Malformed("This request must embed the account's public key in 'jwk', not name an account with 'kid'.");
        }

        if (!hasJwk)
        {
            return (null, kid);
        }

        var jwk = AccountKey.Parse(jwkElement);
        if (!jwk.Fits(algorithm))
        {
            throw new AcmeProblemException(AcmeProblem.BadSignatureAlgorithm(
                $"The algorithm '{algorithm}' does not fit the {jwk.KeyType} key "
                    + $"{(jwk.Curve is null ? "" : "on " + jwk.Curve + " ")}in 'jwk'."));
        }

        return (jwk, null);
    }

    private static string Text(JsonElement jws, string name) =>
        jws.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Malformed($"The JWS lacks the string member '{name}'.");

    private static string? HeaderString(JsonElement header, string name)
    {
        if (!header.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Malformed($"The protected header's '{name}' is not a string.");
    }

    private static AcmeProblemException Malformed(string detail) => new(AcmeProblem.Malformed(detail));
}
