using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Lanyard.Acme;

/// <summary>
/// An ACME account's public key, read from a JWK (RFC 7517): an EC key on P-256, P-384 or P-521,
/// or an RSA key of 2048 to 8192 bits. Its RFC 7638 thumbprint names it, and its canonical JWK
/// (the thumbprint's members only) is what is stored.
/// </summary>
public sealed class AccountKey
{
    public const int MinimumRsaBits = 2048;
    public const int MaximumRsaBits = 8192;

    private readonly ECParameters? _ec;
    private readonly RSAParameters? _rsa;

    private AccountKey(string canonicalJson, ECParameters? ec, RSAParameters? rsa)
    {
        CanonicalJson = canonicalJson;
        _ec = ec;
        _rsa = rsa;
        Thumbprint = Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
    }

    /// <summary>The required members in lexicographic order without whitespace (RFC 7638 section 3).</summary>
    public string CanonicalJson { get; }

    /// <summary>Base64url SHA-256 of <see cref="CanonicalJson"/>.</summary>
    public string Thumbprint { get; }

    /// <summary>"EC" or "RSA".</summary>
    public string KeyType => _ec is null ? "RSA" : "EC";

    /// <summary>The curve of an EC key ("P-256", ...), null for RSA.</summary>
    public string? Curve { get; private init; }

    /// <summary>Reads a JWK object; refuses private keys, unknown types, weak RSA keys and points off the curve.</summary>
    public static AccountKey Parse(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            throw Bad("The jwk is not a JSON object.");
        }

        if (jwk.TryGetProperty("d", out _) || jwk.TryGetProperty("p", out _))
        {
            throw Bad("The jwk carries private key members; send only the public key.");
        }

        return Member(jwk, "kty") switch
        {
            "EC" => ParseEc(jwk),
            "RSA" => ParseRsa(jwk),
            var other => throw Bad($"The jwk's kty '{other}' is not supported; use an EC (P-256, P-384, P-521) or RSA key."),
        };
    }

    /// <summary>The public key of a certificate as an account key, to compare with a JWS's <c>jwk</c>.</summary>
    public static AccountKey FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.GetECDsaPublicKey() is { } ec)
        {
            using (ec)
            {
                var p = ec.ExportParameters(false);
                var curve = p.Curve.Oid.Value switch
                {
                    "1.2.840.10045.3.1.7" => "P-256",
                    "1.3.132.0.34" => "P-384",
                    "1.3.132.0.35" => "P-521",
                    _ => throw Bad("The certificate's EC key is on a curve ACME account keys do not use."),
                };
                return Parse($$"""{"crv":"{{curve}}","kty":"EC","x":"{{Base64Url.Encode(p.Q.X)}}","y":"{{Base64Url.Encode(p.Q.Y)}}"}""");
            }
        }

        using var rsa = certificate.GetRSAPublicKey() ?? throw Bad("The certificate's key is neither EC nor RSA.");
        var r = rsa.ExportParameters(false);
        return Parse($$"""{"e":"{{Base64Url.Encode(r.Exponent)}}","kty":"RSA","n":"{{Base64Url.Encode(r.Modulus)}}"}""");
    }

    /// <summary>Reads a JWK from its JSON text (as stored).</summary>
    public static AccountKey Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    /// <summary>Whether <paramref name="algorithm"/> is the JWS algorithm this key signs with.</summary>
    public bool Fits(string algorithm) => (algorithm, Curve) switch
    {
        ("RS256", null) => true,
        ("ES256", "P-256") or ("ES384", "P-384") or ("ES512", "P-521") => true,
        _ => false,
    };

    /// <summary>Verifies a JWS signature over <paramref name="signingInput"/> with <paramref name="algorithm"/>.</summary>
    public bool Verify(string algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (!Fits(algorithm))
        {
            return false;
        }

        if (_rsa is { } rsa)
        {
            using var key = RSA.Create(rsa);
            return signature.Length == key.KeySize / 8
                && key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        using var ec = ECDsa.Create(_ec!.Value);
        var (hash, size) = algorithm switch
        {
            "ES256" => (HashAlgorithmName.SHA256, 64),
            "ES384" => (HashAlgorithmName.SHA384, 96),
            _ => (HashAlgorithmName.SHA512, 132),
        };
        return signature.Length == size
            && ec.VerifyData(signingInput, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Whether <paramref name="other"/> is the same public key.</summary>
    public bool SameAs(AccountKey other) => other is not null && other.Thumbprint == Thumbprint;

    private static AccountKey ParseEc(JsonElement jwk)
    {
        var curveName = Member(jwk, "crv");
        var (curve, size) = curveName switch
        {
            "P-256" => (ECCurve.NamedCurves.nistP256, 32),
            "P-384" => (ECCurve.NamedCurves.nistP384, 48),
            "P-521" => (ECCurve.NamedCurves.nistP521, 66),
            _ => throw Bad($"The jwk's curve '{curveName}' is not supported; use P-256, P-384 or P-521."),
        };
        var xText = Member(jwk, "x");
        var yText = Member(jwk, "y");
        var x = Base64Url.TryDecode(xText);
        var y = Base64Url.TryDecode(yText);
        if (x is null || y is null || x.Length != size || y.Length != size)
        {
            throw Bad($"The jwk's x and y must be base64url coordinates of {size} bytes each for {curveName}.");
        }

        var parameters = new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } };
        try
        {
            using var check = ECDsa.Create(parameters);
        }
        catch (CryptographicException)
        {
            throw Bad("The jwk's point is not on its curve.");
        }

        var canonical = $$"""{"crv":"{{curveName}}","kty":"EC","x":"{{xText}}","y":"{{yText}}"}""";
        return new AccountKey(canonical, parameters, null) { Curve = curveName };
    }

    private static AccountKey ParseRsa(JsonElement jwk)
    {
        var nText = Member(jwk, "n");
        var eText = Member(jwk, "e");
        var n = Base64Url.TryDecode(nText);
        var e = Base64Url.TryDecode(eText);
        if (n is null || e is null || n.Length == 0 || e.Length is 0 or > 8 || n[0] == 0 || e[0] == 0)
        {
            throw Bad("The jwk's n and e must be base64url big-endian integers without leading zeros.");
        }

        var bits = (n.Length * 8) - System.Numerics.BitOperations.LeadingZeroCount((uint)n[0]) + 24;
        if (bits < MinimumRsaBits || bits > MaximumRsaBits)
        {
            throw Bad($"The RSA key has {bits} bits; account keys have between {MinimumRsaBits} and {MaximumRsaBits}.");
        }

        if ((e[^1] & 1) == 0 || (e.Length == 1 && e[0] < 3))
        {
            throw Bad("The RSA key's public exponent must be odd and at least 3.");
        }

        var parameters = new RSAParameters { Modulus = n, Exponent = e };
        var canonical = $$"""{"e":"{{eText}}","kty":"RSA","n":"{{nText}}"}""";
        return new AccountKey(canonical, null, parameters);
    }

    private static string Member(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Bad($"The jwk lacks the string member '{name}'.");

    private static AcmeProblemException Bad(string detail) => new(AcmeProblem.BadPublicKey(detail));
}
