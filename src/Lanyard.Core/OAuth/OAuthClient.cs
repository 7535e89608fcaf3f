using Lanyard.Core.Inventory;

namespace Lanyard.Core.OAuth;

/// <summary>
/// An identity registered as an OAuth2 client of its environment's token endpoint. Its secrets are
/// credentials of kind <see cref="CredentialKind.ClientSecret"/> whose key id is the client id.
/// </summary>
public sealed class OAuthClient
{
    public const int DefaultAccessTokenMinutes = 15;

    /// <summary>The public client id, <c>lnyc_{environment}_…</c>.</summary>
    public required string ClientId { get; set; }

    public IdentityId IdentityId { get; set; }

    public required string Environment { get; set; }

    /// <summary>The scopes this client may ask for; granted in full when it asks for none.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>How long its access tokens live.</summary>
    public int AccessTokenMinutes { get; set; } = DefaultAccessTokenMinutes;

    /// <summary>
    /// A JSON Web Key Set of public keys the client signs its <c>private_key_jwt</c> assertions
    /// with (RFC 7523); null when it authenticates with secrets only.
    /// </summary>
    public string? Jwks { get; set; }

    /// <summary>
    /// Set for a client that authenticates with an X.509-SVID over mutual TLS (RFC 8705
    /// <c>tls_client_auth</c>): the URI SAN its certificate must carry, the identity's SPIFFE ID.
    /// Such a client has no secret.
    /// </summary>
    public string? TlsClientAuthSanUri { get; set; }

    /// <summary>
    /// Set for a client that authenticates over mutual TLS with a self-signed certificate it
    /// registered (RFC 8705 <c>self_signed_tls_client_auth</c>): that certificate's
    /// <c>x5t#S256</c>, the base64url SHA-256 of its DER encoding. Such a client has no secret.
    /// </summary>
    public string? SelfSignedCertificateThumbprint { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When set, the client can no longer obtain tokens and its tokens are inactive.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
