using Lanyard.Core.Inventory;

namespace Lanyard.Store.Acme;

/// <summary>
/// An ACME account of one environment, bound through External Account Binding to the identity
/// whose owner created the EAB key: what it orders is issued to that identity.
/// </summary>
public sealed class AcmeAccount
{
    /// <summary>The last segment of the account URL: 128 random bits, base64url.</summary>
    public required string Id { get; set; }

    public required string Environment { get; set; }

    public IdentityId IdentityId { get; set; }

    /// <summary>The RFC 7638 thumbprint of the account key; one account per key and environment.</summary>
    public required string KeyThumbprint { get; set; }

    /// <summary>The account key as its canonical public JWK.</summary>
    public required string KeyJson { get; set; }

    public AcmeStatus Status { get; set; } = AcmeStatus.Valid;

    public List<string> Contacts { get; set; } = [];

    /// <summary>The EAB key that bound the account.</summary>
    public required string EabKid { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
