namespace Lanyard.Server.Api;

/// <summary><c>POST /v1/svid/x509</c>: a PKCS#10 request as PEM and, optionally, the lifetime wanted (such as <c>15m</c>).</summary>
public sealed record X509SvidRequest(string? Csr = null, string? Ttl = null);

/// <summary><c>POST /v1/svid/jwt</c>: the audiences the JWT-SVID is for.</summary>
public sealed record JwtSvidRequest(IReadOnlyList<string>? Audience = null, string? Ttl = null);

/// <summary>
/// <c>POST /v1/identities/{id}/certificates</c>: DNS names and either a CSR or nothing, in which
/// case Lanyard generates the key and returns it once.
/// </summary>
public sealed record IssueCertificateRequest(IReadOnlyList<string>? DnsNames = null, string? Csr = null, string? Ttl = null);

/// <summary>An X.509-SVID: the leaf, the intermediates that lead to the bundle, and the bundle's roots, all PEM.</summary>
public sealed record X509SvidView(string SpiffeId, string Svid, IReadOnlyList<string> Chain, string Bundle,
    DateTimeOffset ExpiresAt, Guid CredentialId);

public sealed record JwtSvidView(string SpiffeId, string Token, IReadOnlyList<string> Audience, DateTimeOffset ExpiresAt);

/// <summary>A TLS server certificate; <c>privateKey</c> only when Lanyard generated the key, and only in this answer.</summary>
public sealed record IssuedCertificateView(
    string Certificate, IReadOnlyList<string> Chain, string Bundle, string? PrivateKey, DateTimeOffset ExpiresAt,
    CredentialView Credential);
