namespace Lanyard.Core.OAuth;

/// <summary>
/// A <c>private_key_jwt</c> client assertion already spent, kept until it expires so the same
/// <c>jti</c> is refused if presented again (RFC 7523 section 3, item 7).
/// </summary>
public sealed class UsedClientAssertion
{
    public required string ClientId { get; set; }

    public required string Jti { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
