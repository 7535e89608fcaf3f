using Lanyard.Core.Inventory;

namespace Lanyard.Store.Inventory;

/// <summary>Changes to a credential; null leaves a value as it is.</summary>
public sealed record CredentialPatch(CredentialState? State = null, DateTimeOffset? ExpiresAt = null, DateTimeOffset? LastUsedAt = null);
