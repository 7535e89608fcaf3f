using Lanyard.Core.Inventory;

namespace Lanyard.Store.Acme;

/// <summary>An ACME order (RFC 8555 section 7.1.3) for DNS names, and the certificate it yielded.</summary>
public sealed class AcmeOrder
{
    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public required string Environment { get; set; }

    public AcmeStatus Status { get; set; } = AcmeStatus.Pending;

    /// <summary>The DNS identifiers, lowercase, in the order asked.</summary>
    public List<string> Names { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The ARI certificate id of the certificate this order replaces (RFC 9773 section 5).</summary>
    public string? Replaces { get; set; }

    /// <summary>The issued certificate's inventory record.</summary>
    public CredentialId? CertificateId { get; set; }

    /// <summary>The end-entity certificate followed by its intermediate, as PEM.</summary>
    public string? CertificateChainPem { get; set; }

    /// <summary>Why the order became invalid, as an ACME problem document.</summary>
    public string? ErrorJson { get; set; }
}
