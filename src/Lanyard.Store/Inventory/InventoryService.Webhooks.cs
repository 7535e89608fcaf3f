using Lanyard.Core;
using Lanyard.Store.Audit;
using Lanyard.Store.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Inventory;

/// <summary>Which webhook deliveries to list; null means every owner.</summary>
public sealed record WebhookDeliveryQuery
{
    /// <summary>The owner's name or id.</summary>
    public string? Owner { get; init; }

    /// <summary>Only deliveries that gave up: every attempt failed, or the owner's webhook was removed.</summary>
    public bool FailedOnly { get; init; }

    public int Limit { get; init; } = ListQuery.DefaultLimit;
}

public sealed partial class InventoryService
{
    /// <summary>The owner's most recent webhook deliveries, newest first, each with its attempts.</summary>
    public Task<Result<IReadOnlyList<WebhookDeliveryRecord>>> ListWebhookDeliveriesAsync(
        string idOrName, int limit, CancellationToken cancellationToken = default) =>
        ListWebhookDeliveriesAsync(new WebhookDeliveryQuery { Owner = idOrName, Limit = limit }, cancellationToken);

    /// <summary>The most recent webhook deliveries, newest first, each with its attempts.</summary>
    public async Task<Result<IReadOnlyList<WebhookDeliveryRecord>>> ListWebhookDeliveriesAsync(
        WebhookDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = store.CreateContext();
        var deliveries = db.WebhookDeliveries.AsNoTracking();
        if (query.Owner is { } idOrName)
        {
            var owner = await FindOwnerAsync(db.Owners.AsNoTracking(), idOrName, cancellationToken);
            if (owner is null)
            {
                return Problem.NotFound("owner", idOrName);
            }

            deliveries = deliveries.Where(d => d.OwnerId == owner.Id);
        }

        if (query.FailedOnly)
        {
            deliveries = deliveries.Where(d => d.Status == WebhookDeliveryStatus.Failed || d.Status == WebhookDeliveryStatus.Abandoned);
        }

        var page = await deliveries
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Take(ClampLimit(query.Limit))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<WebhookDeliveryRecord>>.Ok(await WithAttemptsAsync(db, page, cancellationToken));
    }

    public async Task<Result<WebhookDeliveryRecord>> GetWebhookDeliveryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return delivery is null
            ? Problem.NotFound("webhook delivery", id.ToString())
            : (await WithAttemptsAsync(db, [delivery], cancellationToken))[0];
    }

    /// <summary>
    /// Sends a delivery again, by hand: it becomes pending with its next attempt due now, keeping
    /// its id (receivers dedupe on it), its exact body and its attempt history. A delivery whose
    /// attempts were used up gets this one attempt; one that stopped early (delivered, or abandoned
    /// when its owner had no webhook) keeps the rest of its retry schedule. It is signed with the
    /// owner's current secret and sent to the owner's current URL.
    /// </summary>
    public Task<Result<WebhookDeliveryRecord>> RedeliverWebhookAsync(Guid id, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync<WebhookDeliveryRecord>(async db =>
        {
            var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
            if (delivery is null)
            {
                return Problem.NotFound("webhook delivery", id.ToString());
            }

            if (delivery.Status == WebhookDeliveryStatus.Pending)
            {
                return Problem.Conflict(
                    $"Delivery {id} is still pending; its next attempt is due at "
                        + $"{delivery.NextAttemptAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z.");
            }

            var owner = await db.Owners.AsNoTracking().SingleAsync(o => o.Id == delivery.OwnerId, cancellationToken);
            if (owner.WebhookUrl is null)
            {
                return Problem.Conflict(
                    $"Owner '{owner.Name}' has no webhook to deliver to; set one with 'lanyard owner update "
                        + $"{owner.Name} --webhook URL' first.");
            }

            var previous = delivery.Status;
            delivery.Status = WebhookDeliveryStatus.Pending;
            delivery.NextAttemptAt = Now;
            var attempts = await db.WebhookAttempts.AsNoTracking()
                .Where(a => a.DeliveryId == id).OrderBy(a => a.Number).ToListAsync(cancellationToken);
            var audit = new AuditEntry(actor, "webhook.redeliver", $"webhook-delivery/{id}")
            {
                Detail = new Dictionary<string, object?>
                {
                    ["owner"] = owner.Name,
                    ["event"] = delivery.Event,
                    ["previousStatus"] = previous.ToString().ToLowerInvariant(),
                    ["attempts"] = delivery.Attempts,
                },
            };
            return (new WebhookDeliveryRecord(delivery, attempts), audit);
        }, cancellationToken);

    private static async Task<IReadOnlyList<WebhookDeliveryRecord>> WithAttemptsAsync(
        LanyardDbContext db, List<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => new WebhookDeliveryRecord(d, attempts[d.Id].OrderBy(a => a.Number).ToList())).ToList();
    }
}
