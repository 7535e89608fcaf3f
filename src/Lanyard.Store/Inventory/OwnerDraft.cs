using Lanyard.Core.Inventory;

namespace Lanyard.Store.Inventory;

/// <summary>A new owner; <see cref="Webhook"/> is the URL lifecycle events are POSTed to.</summary>
public sealed record OwnerDraft(string Name, string? Contact = null, string? Webhook = null);

/// <summary>Changes to an owner; null leaves a field as it is.</summary>
public sealed record OwnerPatch(string? Name = null, string? Contact = null, string? Webhook = null, bool ClearWebhook = false);

/// <summary>An owner as saved, with the webhook secret when one was just made (shown this once).</summary>
public sealed record SavedOwner(Owner Owner, string? WebhookSecret);

/// <summary>A webhook delivery with every attempt made at it, oldest first.</summary>
public sealed record WebhookDeliveryRecord(Webhooks.WebhookDelivery Delivery, IReadOnlyList<Webhooks.WebhookAttempt> Attempts);
