using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki;

/// <summary>What the inventory records of a certificate's key: algorithm, size, SPKI fingerprint.</summary>
public sealed record KeyFacts(string Algorithm, int Size, string Fingerprint)
{
    public const string EcOid = "1.2.840.10045.2.1";
    public const string RsaOid = "1.2.840.113549.1.1.1";

    public static KeyFacts Of(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        switch (key.Oid.Value)
        {
            case EcOid when NamedCurveSize(key) is { } size:
                return new KeyFacts("EC", size, fingerprint);

            case EcOid:
                using (var ec = key.GetECDsaPublicKey())
                {
                    return new KeyFacts("EC", ec?.KeySize ?? 0, fingerprint);
                }

            case RsaOid:
                using (var rsa = key.GetRSAPublicKey())
                {
                    return new KeyFacts("RSA", rsa?.KeySize ?? 0, fingerprint);
                }

            default:
                return new KeyFacts(key.Oid.FriendlyName ?? key.Oid.Value ?? "unknown", 0, fingerprint);
        }
    }

    /// <summary>
    /// The size of an EC key on a named NIST curve, read from its algorithm parameters (RFC 5480
    /// section 2.1.1) without importing the key; null for any other curve or form.
    /// </summary>
    private static int? NamedCurveSize(PublicKey key)
    {
        if (key.EncodedParameters?.RawData is not { Length: > 0 } parameters)
        {
            return null;
        }

        try
        {
            var curve = new AsnReader(parameters, AsnEncodingRules.DER).ReadObjectIdentifier();
            return curve switch
            {
                "1.2.840.10045.3.1.7" => 256,
                "1.3.132.0.34" => 384,
                "1.3.132.0.35" => 521,
                _ => null,
            };
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>Why Lanyard does not certify this key, or null: EC P-256 and P-384, RSA of 2048 bits or more.</summary>
    public static string? Refusal(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        switch (key.Oid.Value)
        {
            // P-256 and P-384 are named in the key's parameters; reading them spares an import,
            // which validates the point with a scalar multiplication.
            case EcOid when NamedCurveSize(key) is 256 or 384:
                return null;

            case EcOid:
                using (var ec = key.GetECDsaPublicKey())
                {
                    var curve = ec?.ExportParameters(false).Curve.Oid.Value;
                    return curve is "1.2.840.10045.3.1.7" or "1.3.132.0.34"
                        ? null
                        : "the EC key is on curve "
                            + $"{ec?.ExportParameters(false).Curve.Oid.FriendlyName ?? curve ?? "unknown"}; use P-256 "
                            + "or P-384";
                }

            case RsaOid:
                using (var rsa = key.GetRSAPublicKey())
                {
                    return rsa?.KeySize >= 2048 ? null : $"the RSA key has {rsa?.KeySize} bits; at least 2048 are required";
                }

            default:
                return $"keys of type {key.Oid.FriendlyName ?? key.Oid.Value} are not accepted; use EC P-256, P-384 or "
                    + "RSA of 2048 bits or more";
        }
    }
}
