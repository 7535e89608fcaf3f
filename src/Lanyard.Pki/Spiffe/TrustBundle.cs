using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Lanyard.Pki.Spiffe;

/// <summary>
/// A trust domain's bundle in the SPIFFE bundle format: a JWKS whose <c>x509-svid</c> keys carry
/// the roots in <c>x5c</c> and whose <c>jwt-svid</c> keys verify JWT-SVIDs by <c>kid</c>.
/// </summary>
public static class TrustBundle
{
    /// <summary>How often a relying party should fetch the bundle again, in seconds.</summary>
    public const int RefreshHintSeconds = 300;

    public static JsonObject Build(IEnumerable<X509Certificate2> roots, IEnumerable<JwtSvidKey> jwtKeys, long sequence)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(jwtKeys);
        var keys = new JsonArray();
        foreach (var root in roots)
        {
            using var ec = root.GetECDsaPublicKey() ?? throw new InvalidOperationException("Environment roots carry ECDSA keys.");
            var point = ec.ExportParameters(false).Q;
            keys.Add(new JsonObject
            {
                ["use"] = "x509-svid",
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["x"] = JwtSvidKey.Base64Url(point.X),
                ["y"] = JwtSvidKey.Base64Url(point.Y),
                ["x5c"] = new JsonArray(Convert.ToBase64String(root.RawData)),
            });
        }

        foreach (var key in jwtKeys)
        {
            keys.Add(new JsonObject
            {
                ["use"] = "jwt-svid",
                ["kty"] = "EC",
                ["kid"] = key.Kid,
                ["crv"] = "P-256",
                ["x"] = key.X,
                ["y"] = key.Y,
            });
        }

        return new JsonObject
        {
            ["keys"] = keys,
            ["spiffe_sequence"] = sequence,
            ["spiffe_refresh_hint"] = RefreshHintSeconds,
        };
    }
}
