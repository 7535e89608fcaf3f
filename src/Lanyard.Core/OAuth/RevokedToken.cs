namespace Lanyard.Core.OAuth;

/// <summary>
/// An access token revoked before its expiry (RFC 7009), known by its <c>jti</c>. Kept until the
/// token would have expired anyway; after that its signature check refuses it on its own.
/// </summary>
public sealed class RevokedToken
{
    public required string Jti { get; set; }

    public required string Environment { get; set; }

    public required string ClientId { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset RevokedAt { get; set; }
}
