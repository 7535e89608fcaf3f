using Lanyard.Core.Inventory;
using Lanyard.Core.OAuth;

namespace Lanyard.Store.Issuance;

/// <summary>A newly issued secret with its inventory record. The secret exists only in this value.</summary>
public sealed record IssuedSecret(Credential Credential, string Secret);

/// <summary>
/// A newly registered OAuth2 client, its first secret's record and the secret itself; a
/// <c>tls_client_auth</c> client has neither.
/// </summary>
public sealed record IssuedClient(OAuthClient Client, Credential? SecretCredential, string? Secret);

/// <summary>What an operator asks for when registering an identity as an OAuth2 client.</summary>
public sealed record ClientDraft(IdentityId Identity)
{
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The access token lifetime asked for; null takes the default, within the environment's policy.</summary>
    public int? AccessTokenMinutes { get; init; }

    public TimeSpan? SecretLifetime { get; init; }

    /// <summary>Public keys for <c>private_key_jwt</c>, already checked by the caller.</summary>
    public string? Jwks { get; init; }

    /// <summary>
    /// The client authenticates with the identity's X.509-SVID over mutual TLS (RFC 8705
    /// <c>tls_client_auth</c>) instead of a secret.
    /// </summary>
    public bool TlsClientAuth { get; init; }

    /// <summary>
    /// The <c>x5t#S256</c> of the self-signed certificate the client authenticates with over
    /// mutual TLS (RFC 8705 <c>self_signed_tls_client_auth</c>), already checked by the caller.
    /// </summary>
    public string? SelfSignedCertificateThumbprint { get; init; }
}
