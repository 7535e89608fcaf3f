using Lanyard.Core.Inventory;

namespace Lanyard.Store.Lifecycle;

/// <summary>
/// The outcome of a rotation: the successor with its secret (which exists only in this value) and
/// the predecessor, valid until its <see cref="Credential.RetiresAt"/>.
/// </summary>
public sealed record RotatedSecret(Credential Successor, Credential Predecessor, string Secret);
