namespace Lanyard.Core.OAuth;

/// <summary>
/// One of an environment's token signing keys: a P-256 key pair whose private half is sealed at
/// rest and whose public half is published in the environment's JWKS.
/// </summary>
public sealed class SigningKey
{
    /// <summary>The RFC 7638 JWK thumbprint of the public key, base64url; the <c>kid</c> header.</summary>
    public required string Kid { get; set; }

    public required string Environment { get; set; }

    /// <summary>The JWS algorithm, <c>ES256</c>.</summary>
    public required string Algorithm { get; set; }

    /// <summary>The public key as a JSON Web Key, as published.</summary>
    public required string PublicJwk { get; set; }

    /// <summary>The PKCS#8 private key, sealed with AES-256-GCM under the master key.</summary>
    public required byte[] SealedPrivateKey { get; set; }

    /// <summary>Published from creation; signs from this moment on, until its successor activates.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ActivatesAt { get; set; }

    /// <summary>The key this one succeeds in the schedule; unique, so a rollover happens once.</summary>
    public string? PrecededByKid { get; set; }

    /// <summary>When it stopped signing; it stays published until its last token has expired.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
