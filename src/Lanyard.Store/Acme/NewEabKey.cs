using Lanyard.Core.Inventory;

namespace Lanyard.Store.Acme;

/// <summary>An EAB key just created: its id and the HMAC key (base64url), which exists only in this value.</summary>
public sealed record NewEabKey(string Kid, string HmacKey, string Environment, IdentityId IdentityId, DateTimeOffset ExpiresAt);
