namespace Lanyard.Store.Acme;

/// <summary>An authorization for one DNS name of one order (RFC 8555 section 7.1.4).</summary>
public sealed class AcmeAuthorization
{
    public required string Id { get; set; }

    public required string OrderId { get; set; }

    public required string AccountId { get; set; }

    public required string Name { get; set; }

    public AcmeStatus Status { get; set; } = AcmeStatus.Pending;

    public DateTimeOffset ExpiresAt { get; set; }
}
