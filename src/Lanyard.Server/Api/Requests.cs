using Lanyard.Core.Inventory;

namespace Lanyard.Server.Api;

public sealed record CreateEnvironmentRequest(string Name, string? TrustDomain = null, int? StaleAfterDays = null,
    int? RenewalWindowDays = null);

public sealed record UpdateEnvironmentRequest(int? StaleAfterDays = null, int? RenewalWindowDays = null);

/// <summary><c>webhook</c>: the URL lifecycle events are POSTed to; its signing secret is answered once.</summary>
public sealed record CreateOwnerRequest(string Name, string? Contact = null, string? Webhook = null);

/// <summary>Setting <c>webhook</c> (even to the same URL) makes a new signing secret; <c>clearWebhook</c> removes it.</summary>
public sealed record UpdateOwnerRequest(string? Name = null, string? Contact = null, string? Webhook = null, bool ClearWebhook = false);

public sealed record CreateIdentityRequest(string Name, string Environment, string? Owner = null,
    Dictionary<string, string>? Labels = null);

/// <summary><c>owner</c> sets the owner by name or id; <c>clearOwner</c> removes it.</summary>
public sealed record UpdateIdentityRequest(string? Owner = null, bool ClearOwner = false, Dictionary<string, string>? Labels = null);

/// <summary>Registers a credential. A <c>secret</c> is fingerprinted and sealed; it is never returned by reads.</summary>
public sealed record CreateCredentialRequest(
    Guid Identity, string Name, CredentialKind Kind, string? Secret = null, DateTimeOffset? ExpiresAt = null,
    string? KeyAlgorithm = null, int? KeySize = null);

public sealed record UpdateCredentialRequest(CredentialState? State = null, DateTimeOffset? ExpiresAt = null,
    DateTimeOffset? LastUsedAt = null);
