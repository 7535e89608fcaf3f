using Lanyard.Core.Inventory;

namespace Lanyard.Store.Inventory;

/// <summary>
/// A credential registered with the inventory. When <see cref="Secret"/> is given it is
/// fingerprinted and sealed at rest; it is never stored in the clear.
/// </summary>
public sealed record CredentialDraft(IdentityId Identity, string Name, CredentialKind Kind)
{
    public string? Secret { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public string? KeyAlgorithm { get; init; }

    public int? KeySize { get; init; }
}
