namespace Lanyard.Store.Acme;

/// <summary>One way to prove control of an authorization's name (RFC 8555 section 8).</summary>
public sealed class AcmeChallenge
{
    public const string Http01 = "http-01";
    public const string TlsAlpn01 = "tls-alpn-01";

    public required string Id { get; set; }

    public required string AuthorizationId { get; set; }

    /// <summary><see cref="Http01"/> or <see cref="TlsAlpn01"/>.</summary>
    public required string Type { get; set; }

    /// <summary>128 random bits, base64url: the client's half of the key authorization.</summary>
    public required string Token { get; set; }

    public AcmeStatus Status { get; set; } = AcmeStatus.Pending;

    public DateTimeOffset? ValidatedAt { get; set; }

    /// <summary>Why validation failed, as an ACME problem document.</summary>
    public string? ErrorJson { get; set; }
}
