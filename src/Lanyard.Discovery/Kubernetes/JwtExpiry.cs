using System.Buffers.Text;
using System.Text.Json;

namespace Lanyard.Discovery.Kubernetes;

/// <summary>Reads the <c>exp</c> claim of a JWT without validating it; the token itself is never kept.</summary>
internal static class JwtExpiry
{
    /// <summary>The expiry, or null when the token is no JWT or has none (legacy secret tokens have none).</summary>
    public static DateTimeOffset? Read(ReadOnlySpan<byte> token)
    {
        var first = token.IndexOf((byte)'.');
        if (first < 0)
        {
            return null;
        }

        var rest = token[(first + 1)..];
        var second = rest.IndexOf((byte)'.');
        if (second < 0)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromUtf8(rest[..second]);
            using var claims = JsonDocument.Parse(payload);
            return claims.RootElement.ValueKind == JsonValueKind.Object
                   && claims.RootElement.TryGetProperty("exp", out var exp)
                   && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
