using Lanyard.Core.Inventory;

namespace Lanyard.Server.OAuth;

/// <summary>What a valid access token says (RFC 9068 section 2.2), and whose it is.</summary>
internal sealed record AccessTokenClaims(
    string Environment, string Issuer, string Jti, string Subject, string ClientId, IReadOnlyList<string> Audiences,
    string? Scope, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The identity the client acts for; set once the token has been checked against the store.</summary>
    public Identity? Identity { get; init; }

    /// <summary>
    /// The <c>x5t#S256</c> of the client certificate the token is bound to (RFC 8705 section 3);
    /// null for an unbound bearer token.
    /// </summary>
    public string? CertificateThumbprint { get; init; }
}

/// <summary>The outcome of checking an access token: its claims, or why it is not active.</summary>
internal sealed record AccessTokenCheck(AccessTokenClaims? Claims, string? Refusal)
{
    public bool Active => Claims is not null;

    public static AccessTokenCheck Refused(string reason) => new(null, reason);
}
