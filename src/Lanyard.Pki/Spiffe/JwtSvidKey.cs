using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lanyard.Pki.Jose;

namespace Lanyard.Pki.Spiffe;

/// <summary>
/// A trust domain's ES256 key for JWT-SVIDs, kept apart from the keys that sign OAuth2 access
/// tokens so a JWT-SVID is never mistaken for an access token. The key id is its RFC 7638 thumbprint.
/// </summary>
public sealed class JwtSvidKey : IDisposable
{
    public const string Algorithm = "ES256";

    /// <summary>The default lifetime of a JWT-SVID: short, as the standard advises for bearer tokens.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    private readonly ECDsa _key;

    private JwtSvidKey(ECDsa key)
    {
        _key = key;
        var point = key.ExportParameters(false).Q;
        X = Base64Url(point.X!);
        Y = Base64Url(point.Y!);
        Kid = Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{X}}","y":"{{Y}}"}""")));
    }

    public string Kid { get; }

    public string X { get; }

    public string Y { get; }

    public static JwtSvidKey Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public static JwtSvidKey Import(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return new JwtSvidKey(key);
    }

    public byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    /// <summary>A compact JWS: <c>sub</c> the SPIFFE ID, <c>aud</c> the audiences, <c>exp</c> and <c>iat</c>.</summary>
    public string Sign(SpiffeId subject, IReadOnlyList<string> audiences, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(audiences);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = subject.ToString(),
            ["aud"] = audiences,
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
        });
        return CompactJws.SignEs256(_key, Kid, "JWT", payload);
    }

    public void Dispose() => _key.Dispose();

    internal static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
