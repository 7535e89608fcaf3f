using System.Text.Json.Nodes;
using Lanyard.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Webhooks;

/// <summary>
/// Writes webhook deliveries into the caller's unit of work, so an event is recorded exactly when
/// the change it reports commits: a rollback or a crash before the commit leaves neither.
/// </summary>
public static class WebhookOutbox
{
    public const string Rotated = "credential.rotated";
    public const string Expiring = "credential.expiring";
    public const string Revoked = "credential.revoked";

    /// <summary>
    /// Adds a delivery for the credential's owner (its own, else its identity's) when that owner has a
    /// webhook; otherwise adds nothing. <paramref name="detail"/> goes into the <c>credential</c> object.
    /// </summary>
    public static async Task EnqueueAsync(
        LanyardDbContext db, string eventName, Credential credential, DateTimeOffset now,
        IReadOnlyDictionary<string, string?>? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(credential);
        var identity = credential.IdentityId is { } identityId
            ? await db.Identities.AsNoTracking().SingleOrDefaultAsync(i => i.Id == identityId, cancellationToken)
            : null;
        var ownerId = credential.OwnerId ?? identity?.OwnerId;
        if (ownerId is null)
        {
            return;
        }

        var hasWebhook = await db.Owners.AsNoTracking().AnyAsync(o => o.Id == ownerId && o.WebhookUrl != null, cancellationToken);
        if (!hasWebhook)
        {
            return;
        }

        var delivery = new WebhookDelivery
        {
            OwnerId = ownerId.Value,
            Event = eventName,
            Payload = "",
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        delivery.Payload = Payload(delivery.Id, eventName, credential, identity, now, detail).ToJsonString();
        db.WebhookDeliveries.Add(delivery);
    }

    private static JsonObject Payload(
        Guid id, string eventName, Credential credential, Identity? identity, DateTimeOffset now,
        IReadOnlyDictionary<string, string?>? detail)
    {
        var about = new JsonObject
        {
            ["id"] = credential.Id.ToString(),
            ["name"] = credential.Name,
            ["kind"] = credential.Kind.ToString(),
            ["fingerprint"] = credential.Fingerprint,
            ["expiresAt"] = credential.ExpiresAt,
        };
        foreach (var (key, value) in detail ?? new Dictionary<string, string?>())
        {
            about[key] = value;
        }

        return new JsonObject
        {
            ["id"] = id.ToString(),
            ["event"] = eventName,
            ["credential"] = about,
            ["identity"] = identity is null
                ? null
                : new JsonObject { ["id"] = identity.Id.ToString(), ["name"] = identity.Name, ["spiffeId"] = identity.SpiffeId },
            ["environment"] = credential.Environment,
            ["occurredAt"] = now,
        };
    }
}
