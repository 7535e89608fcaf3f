using System.Text.Json.Nodes;
using Lanyard.Core;
using Lanyard.Store.Inventory;
using Lanyard.Store.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    [Fact]
    public async Task A_delivery_whose_attempts_ran_out_is_listed_as_failed_and_a_redelivery_sends_the_same_event_once_more()
    {
        using var listener = new WebhookListener(500, 503);
        await Inventory.CreateOwnerAsync(new OwnerDraft("team-redeliver", null, listener.Url), Admin);
        var identity = await CreateIdentityAsync("redelivered", "dev", "team-redeliver");
        var key = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(200), Admin)).Value!;
        await Issuer.RevokeAsync(key.Credential.Id, "leaked", Admin);
        using var http = new HttpClient();
        var sender = new WebhookSender(Database.Store, Database.Sealer, http, Database.Time) { MaxAttempts = 2 };
        await sender.SendDueAsync();
        Database.Time.Advance(sender.RetryDelay(1));
        await sender.SendDueAsync();

        var failed = (await Inventory.ListWebhookDeliveriesAsync(new WebhookDeliveryQuery { FailedOnly = true })).Value!;
        var redelivered = await Inventory.RedeliverWebhookAsync(failed[0].Delivery.Id, Admin);
        var sent = await sender.SendDueAsync();
        var after = (await Inventory.GetWebhookDeliveryAsync(failed[0].Delivery.Id)).Value!;

        Assert.Equal(WebhookDeliveryStatus.Failed, Assert.Single(failed).Delivery.Status);
        Assert.Equal(WebhookDeliveryStatus.Pending, redelivered.Value!.Delivery.Status);
        Assert.Equal(1, sent);
        Assert.Equal(WebhookDeliveryStatus.Delivered, after.Delivery.Status);
        Assert.Equal([500, 503, 200], after.Attempts.Select(a => a.StatusCode!.Value));
        Assert.Equal([1, 2, 3], after.Attempts.Select(a => a.Number));
        var received = listener.Received.ToList();
        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.Delivery).Distinct());
        Assert.Single(received.Select(r => Convert.ToBase64String(r.Body)).Distinct());
        Assert.Empty((await Inventory.ListWebhookDeliveriesAsync(new WebhookDeliveryQuery { FailedOnly = true })).Value!);
        await using var db = Database.Store.CreateContext();
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "webhook.redeliver");
        Assert.Equal($"webhook-delivery/{after.Delivery.Id}", audit.Target);
        Assert.Equal("failed", JsonNode.Parse(audit.Detail!)!["previousStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pending_or_unknown_delivery_is_not_redelivered_and_nothing_is_written()
    {
        await Inventory.CreateOwnerAsync(new OwnerDraft("team-waiting", null, "https://hooks.example.com/waiting"), Admin);
        var identity = await CreateIdentityAsync("waiting", "dev", "team-waiting");
        var key = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(200), Admin)).Value!;
        await Issuer.RevokeAsync(key.Credential.Id, null, Admin);
        var pending = Assert.Single((await Inventory.ListWebhookDeliveriesAsync(new WebhookDeliveryQuery { Owner = "team-waiting" })).Value!);
        var before = await AuditCountAsync();

        var again = await Inventory.RedeliverWebhookAsync(pending.Delivery.Id, Admin);
        var unknown = await Inventory.RedeliverWebhookAsync(Guid.NewGuid(), Admin);
        var noOwner = await Inventory.ListWebhookDeliveriesAsync(new WebhookDeliveryQuery { Owner = "team-nobody" });

        Assert.Equal(ProblemKind.Conflict, again.Problem!.Kind);
        Assert.Contains("still pending", again.Problem.Detail, StringComparison.Ordinal);
        Assert.Equal(ProblemKind.NotFound, unknown.Problem!.Kind);
        Assert.Equal(ProblemKind.NotFound, noOwner.Problem!.Kind);
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task A_delivery_abandoned_for_want_of_a_webhook_is_redelivered_only_once_the_owner_has_one_again()
    {
        using var listener = new WebhookListener();
        await Inventory.CreateOwnerAsync(new OwnerDraft("team-gone", null, "https://hooks.example.com/gone"), Admin);
        var identity = await CreateIdentityAsync("abandoned", "dev", "team-gone");
        var key = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(200), Admin)).Value!;
        await Issuer.RevokeAsync(key.Credential.Id, null, Admin);
        await Inventory.UpdateOwnerAsync("team-gone", new OwnerPatch(ClearWebhook: true), Admin);
        using var http = new HttpClient();
        var sender = new WebhookSender(Database.Store, Database.Sealer, http, Database.Time);
        await sender.SendDueAsync();
        var abandoned = Assert.Single((await Inventory.ListWebhookDeliveriesAsync(new WebhookDeliveryQuery { FailedOnly = true })).Value!);

        var refused = await Inventory.RedeliverWebhookAsync(abandoned.Delivery.Id, Admin);
        var secret = (await Inventory.UpdateOwnerAsync("team-gone", new OwnerPatch(Webhook: listener.Url), Admin)).Value!.WebhookSecret!;
        var accepted = await Inventory.RedeliverWebhookAsync(abandoned.Delivery.Id, Admin);
        await sender.SendDueAsync();

        Assert.Equal(WebhookDeliveryStatus.Abandoned, abandoned.Delivery.Status);
        Assert.Equal(ProblemKind.Conflict, refused.Problem!.Kind);
        Assert.Contains("has no webhook", refused.Problem.Detail, StringComparison.Ordinal);
        Assert.True(accepted.Succeeded);
        var (delivery, signature, body) = Assert.Single(listener.Received);
        Assert.Equal(abandoned.Delivery.Id.ToString(), delivery);
        Assert.Equal(WebhookSender.Sign(secret, body), signature);
    }
}
