using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Core;
using Lanyard.Store.Inventory;
using Lanyard.Store.Issuance;
using Lanyard.Store.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    [Fact]
    public async Task An_owner_webhook_secret_is_returned_once_and_stored_only_sealed()
    {
        var created = await Inventory.CreateOwnerAsync(new OwnerDraft("team-hooks", null, "https://hooks.example.com/lanyard"), Admin);
        var renewed = await Inventory.UpdateOwnerAsync("team-hooks", new OwnerPatch(Webhook: "https://hooks.example.com/v2"), Admin);
        var refused = await Inventory.UpdateOwnerAsync("team-hooks", new OwnerPatch(Webhook: "ftp://hooks.example.com"), Admin);

        var secret = created.Value!.WebhookSecret!;
        Assert.StartsWith(WebhookSecrets.Prefix, secret, StringComparison.Ordinal);
        Assert.NotEqual(secret, renewed.Value!.WebhookSecret);
        Assert.Equal("webhook", refused.Problem!.Field);
        await using var db = Database.Store.CreateContext();
        var owner = await db.Owners.AsNoTracking().SingleAsync(o => o.Name == "team-hooks");
        Assert.Equal("https://hooks.example.com/v2", owner.WebhookUrl);
        Assert.Equal(-1, owner.SealedWebhookSecret.AsSpan().IndexOf(Encoding.UTF8.GetBytes(renewed.Value.WebhookSecret!)));
        Assert.Equal(renewed.Value.WebhookSecret,
            Encoding.UTF8.GetString(Database.Sealer.Unseal(owner.SealedWebhookSecret, WebhookSecrets.SealContext(owner.Id))));
    }

    [Fact]
    public async Task Rotation_and_revocation_write_a_delivery_with_the_change_and_a_refused_rotation_writes_none()
    {
        await Inventory.CreateOwnerAsync(new OwnerDraft("team-ledger", null, "https://hooks.example.com/ledger"), Admin);
        await Inventory.CreateOwnerAsync("team-quiet", null, Admin);
        var told = await CreateIdentityAsync("ledger", "prod", "team-ledger");
        var quiet = await CreateIdentityAsync("quiet", "prod", "team-quiet");
        var key = (await Issuer.IssueApiKeyAsync(told.Id, TimeSpan.FromDays(200), Admin)).Value!;
        var other = (await Issuer.IssueApiKeyAsync(told.Id, TimeSpan.FromDays(200), Admin)).Value!;
        var unwatched = (await Issuer.IssueApiKeyAsync(quiet.Id, TimeSpan.FromDays(200), Admin)).Value!;

        var rotated = await Rotator.RotateAsync(key.Credential.Id, null, Admin);
        var again = await Rotator.RotateAsync(key.Credential.Id, null, Admin);
        await Issuer.RevokeAsync(other.Credential.Id, "leaked", Admin);
        await Issuer.RevokeAsync(unwatched.Credential.Id, null, Admin);

        Assert.Equal(ProblemKind.Conflict, again.Problem!.Kind);
        await using var db = Database.Store.CreateContext();
        var deliveries = await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Event).ToListAsync();
        Assert.Equal([WebhookOutbox.Revoked, WebhookOutbox.Rotated], deliveries.Select(d => d.Event));
        Assert.All(deliveries, d => Assert.Equal(WebhookDeliveryStatus.Pending, d.Status));
        var rotation = JsonNode.Parse(deliveries[1].Payload)!;
        Assert.Equal(key.Credential.Id.ToString(), rotation["credential"]!["id"]!.GetValue<string>());
        Assert.Equal(rotated.Value!.Successor.Id.ToString(), rotation["credential"]!["successor"]!.GetValue<string>());
        Assert.Equal("ledger", rotation["identity"]!["name"]!.GetValue<string>());
        Assert.Equal("prod", rotation["environment"]!.GetValue<string>());
        Assert.Equal("leaked", JsonNode.Parse(deliveries[0].Payload)!["credential"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Owners_are_told_once_when_a_credential_enters_its_renewal_window()
    {
        await Inventory.CreateOwnerAsync(new OwnerDraft("team-expiry", null, "https://hooks.example.com/expiry"), Admin);
        var identity = await CreateIdentityAsync("expiring", "dev", "team-expiry");
        var key = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(60), Admin)).Value!;
        using var keys = new SigningKeyStore(Database.Store, Database.Sealer, Database.Time);

        Database.Time.Advance(TimeSpan.FromDays(29));
        var early = await Sweeper(keys).SweepAsync();
        Database.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var entered = await Sweeper(keys).SweepAsync();
        Database.Time.Advance(TimeSpan.FromDays(1));
        var later = await Sweeper(keys).SweepAsync();

        Assert.Equal(0, early.ExpiryNotices);
        Assert.Equal(1, entered.ExpiryNotices);
        Assert.Equal(0, later.ExpiryNotices);
        await using var db = Database.Store.CreateContext();
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync();
        Assert.Equal(WebhookOutbox.Expiring, delivery.Event);
        Assert.Equal(key.Credential.Id.ToString(), JsonNode.Parse(delivery.Payload)!["credential"]!["id"]!.GetValue<string>());
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "credential.expiry-notice"));
    }
}
