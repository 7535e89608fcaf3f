namespace Lanyard.Server.Api;

/// <summary>Asks for an API key; <c>ttl</c> such as <c>30d</c> or <c>12h</c>.</summary>
public sealed record IssueApiKeyRequest(string? Ttl = null);

/// <summary>
/// Registers an identity as an OAuth2 client. <c>jwks</c> holds the public keys it signs
/// <c>private_key_jwt</c> assertions with; <c>ttl</c> is the client secret's lifetime.
/// <c>tokenEndpointAuthMethod</c> (RFC 7591 section 2) is <c>client_secret_basic</c> (the
/// default, which also allows <c>client_secret_post</c>), <c>private_key_jwt</c> (the default
/// with <c>jwks</c>), <c>tls_client_auth</c>: the identity's X.509-SVID, and no secret, or
/// <c>self_signed_tls_client_auth</c>: the self-signed PEM <c>certificate</c>, and no secret.
/// </summary>
public sealed record CreateClientRequest(
    IReadOnlyList<string>? Scopes = null, int? AccessTokenMinutes = null, string? Ttl = null, System.Text.Json.JsonElement? Jwks = null,
    string? TokenEndpointAuthMethod = null, string? Certificate = null);

public sealed record RevokeCredentialRequest(string? Reason = null);

/// <summary>Asks for a rotation; <c>overlap</c> such as <c>24h</c> overrides the environment's window.</summary>
public sealed record RotateCredentialRequest(string? Overlap = null);

/// <summary>
/// A rotation. <c>secret</c>, the successor's, is shown in this response only; the predecessor
/// stays valid until its <c>retiresAt</c>.
/// </summary>
public sealed record RotatedCredentialView(string Secret, CredentialView Credential, CredentialView Predecessor);

/// <summary>A new API key. <c>key</c> is shown in this response only; Lanyard keeps its fingerprint.</summary>
public sealed record IssuedApiKeyView(string Key, CredentialView Credential);

/// <summary>
/// A new OAuth2 client. <c>clientSecret</c> is shown in this response only; it and <c>credential</c>
/// are null for a <c>tls_client_auth</c> client.
/// </summary>
public sealed record IssuedClientView(
    string ClientId, string? ClientSecret, string Environment, string Issuer, string TokenEndpoint, IReadOnlyList<string> Scopes,
    int AccessTokenMinutes, bool PrivateKeyJwt, CredentialView? Credential)
{
    public required string TokenEndpointAuthMethod { get; init; }

    /// <summary>The URI SAN a <c>tls_client_auth</c> client's certificate carries (RFC 8705 section 2.1.2).</summary>
    public string? TlsClientAuthSanUri { get; init; }

    /// <summary>The <c>x5t#S256</c> of a <c>self_signed_tls_client_auth</c> client's registered certificate.</summary>
    public string? SelfSignedCertificateThumbprint { get; init; }
}

/// <summary>Who the caller is, and with which credential it proved it.</summary>
public sealed record WhoamiView(
    string Name, string Role, string? Environment, WhoamiIdentity? Identity, WhoamiCredential Credential);

public sealed record WhoamiIdentity(Guid Id, string Name, string SpiffeId);

public sealed record WhoamiCredential(string Kind, string Id, DateTimeOffset? ExpiresAt, string? ClientId, string? Scope);
