namespace Lanyard.Store.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed; no more are made.</summary>
    Failed,

    /// <summary>The owner no longer has a webhook, so there is nowhere to deliver it.</summary>
    Abandoned,
}

/// <summary>
/// One event for one owner's webhook, written in the same transaction as the change it reports
/// (an outbox), and sent by the webhook sender until the receiver accepts it or attempts run out.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>Also sent as the <c>X-Lanyard-Delivery</c> header, so a receiver can drop repeats.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Core.Inventory.OwnerId OwnerId { get; set; }

    /// <summary><c>credential.rotated</c>, <c>credential.expiring</c> or <c>credential.revoked</c>.</summary>
    public required string Event { get; set; }

    /// <summary>The exact JSON body that is signed and sent on every attempt.</summary>
    public required string Payload { get; set; }

    public WebhookDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the sender may try next; also a lease while an attempt is in flight.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One attempt at a delivery: what the receiver answered, or why it could not be reached.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }

    public Guid DeliveryId { get; set; }

    public int Number { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The HTTP status code; null when no answer came.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Why the attempt failed, without the body or the secret; null on success.</summary>
    public string? Error { get; set; }

    public int DurationMilliseconds { get; set; }
}
