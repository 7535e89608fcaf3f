using Lanyard.Core.Inventory;

namespace Lanyard.Store.Acme;

/// <summary>
/// An External Account Binding key: created by an admin for one identity, shown once, stored
/// sealed, and used up by the one ACME account it binds.
/// </summary>
public sealed class AcmeEabKey
{
    public required string Kid { get; set; }

    public required string Environment { get; set; }

    public IdentityId IdentityId { get; set; }

    /// <summary>The HMAC key sealed with the master key; never stored in the clear.</summary>
    public required byte[] SealedHmacKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>An unused key stops binding after this.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The account it bound; null while unused.</summary>
    public string? AccountId { get; set; }
}
