using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Core;
using Lanyard.Store.Inventory;
using Lanyard.Store.Issuance;
using Lanyard.Store.Lifecycle;
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
    public async Task Two_senders_at_once_deliver_each_event_once_and_a_failed_one_is_retried_after_its_backoff()
    {
        using var listener = new WebhookListener(500);
        var secret = (await Inventory.CreateOwnerAsync(new OwnerDraft("team-sent", null, listener.Url), Admin)).Value!.WebhookSecret!;
        var identity = await CreateIdentityAsync("sent", "dev", "team-sent");
        for (var i = 0; i < 6; i++)
        {
            var key = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(200), Admin)).Value!;
            await Issuer.RevokeAsync(key.Credential.Id, null, Admin);
        }

        using var http = new HttpClient();
        WebhookSender Sender() => new(Database.Store, Database.Sealer, http, Database.Time);
        var first = await Task.WhenAll(Task.Run(() => Sender().SendDueAsync()), Task.Run(() => Sender().SendDueAsync()));
        Database.Time.Advance(TimeSpan.FromSeconds(9));
        var tooEarly = await Sender().SendDueAsync();
        Database.Time.Advance(TimeSpan.FromSeconds(1));
        var retried = await Sender().SendDueAsync();

        Assert.Equal(6, first.Sum());
        Assert.Equal(0, tooEarly);
        Assert.Equal(1, retried);
        Assert.Equal(7, listener.Received.Count);
        Assert.Equal(6, listener.Received.Select(r => r.Delivery).Distinct().Count());
        Assert.All(listener.Received, r => Assert.Equal(WebhookSender.Sign(secret, r.Body), r.Signature));
        await using var db = Database.Store.CreateContext();
        Assert.All(await db.WebhookDeliveries.AsNoTracking().ToListAsync(), d => Assert.Equal(WebhookDeliveryStatus.Delivered, d.Status));
        var attempts = await db.WebhookAttempts.AsNoTracking().ToListAsync();
        Assert.Equal(7, attempts.Count);
        Assert.Equal([500, 200], attempts.GroupBy(a => a.DeliveryId).Single(g => g.Count() == 2).OrderBy(a => a.Number).Select(a => a.StatusCode!.Value));
    }

    [Fact]
    public async Task The_end_of_an_overlap_window_tells_the_owner_the_predecessor_is_revoked_and_why()
    {
        await Inventory.CreateOwnerAsync(new OwnerDraft("team-overlap", null, "https://hooks.example.com/overlap"), Admin);
        var identity = await CreateIdentityAsync("overlapping", "dev", "team-overlap");
        var key = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(200), Admin)).Value!;
        var rotated = (await Rotator.RotateAsync(key.Credential.Id, TimeSpan.FromHours(6), Admin)).Value!;
        using var keys = new SigningKeyStore(Database.Store, Database.Sealer, Database.Time);

        Database.Time.Advance(TimeSpan.FromHours(5));
        await Sweeper(keys).SweepAsync();
        var beforeEnd = await CountDeliveriesAsync(WebhookOutbox.Revoked);
        Database.Time.Advance(TimeSpan.FromHours(1));
        var ended = await Sweeper(keys).SweepAsync();
        await Sweeper(keys).SweepAsync();

        Assert.Equal(0, beforeEnd);
        Assert.Equal(1, ended.Retired);
        await using var db = Database.Store.CreateContext();
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Event == WebhookOutbox.Revoked);
        var about = JsonNode.Parse(delivery.Payload)!["credential"]!;
        Assert.Equal(key.Credential.Id.ToString(), about["id"]!.GetValue<string>());
        Assert.Equal(LifecycleSweeper.OverlapEndedReason, about["reason"]!.GetValue<string>());
        Assert.Equal(rotated.Successor.Id.ToString(), about["successor"]!.GetValue<string>());
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "credential.retire");
        Assert.Equal(LifecycleSweeper.OverlapEndedReason, JsonNode.Parse(audit.Detail!)!["reason"]!.GetValue<string>());
    }

    private async Task<int> CountDeliveriesAsync(string eventName)
    {
        await using var db = Database.Store.CreateContext();
        return await db.WebhookDeliveries.CountAsync(d => d.Event == eventName);
    }

    [Fact]
    public async Task Owners_are_told_once_when_a_credential_enters_the_last_third_of_its_lifetime_inside_the_renewal_window()
    {
        await Inventory.CreateOwnerAsync(new OwnerDraft("team-expiry", null, "https://hooks.example.com/expiry"), Admin);
        var identity = await CreateIdentityAsync("expiring", "dev", "team-expiry");
        // Sixty days: the environment's 30-day window is longer than its last third, so the notice comes 20 days before expiry.
        var key = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(60), Admin)).Value!;
        using var keys = new SigningKeyStore(Database.Store, Database.Sealer, Database.Time);

        Database.Time.Advance(TimeSpan.FromDays(39));
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

    [Fact]
    public async Task A_credential_living_less_than_a_day_brings_its_owner_no_expiry_notice()
    {
        await Inventory.CreateOwnerAsync(new OwnerDraft("team-brief", null, "https://hooks.example.com/brief"), Admin);
        var identity = await CreateIdentityAsync("brief", "dev", "team-brief");
        var brief = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromHours(6), Admin)).Value!;
        var daily = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(3), Admin)).Value!;
        using var keys = new SigningKeyStore(Database.Store, Database.Sealer, Database.Time);

        // Five hours in, the six-hour key is in its last third and the three-day key is not.
        Database.Time.Advance(TimeSpan.FromHours(5));
        var briefInLastThird = await Sweeper(keys).SweepAsync();
        // Two days later the three-day key has less than a day left.
        Database.Time.Advance(TimeSpan.FromDays(2));
        var dailyInLastThird = await Sweeper(keys).SweepAsync();

        Assert.Equal(0, briefInLastThird.ExpiryNotices);
        Assert.Equal(1, dailyInLastThird.ExpiryNotices);
        await using var db = Database.Store.CreateContext();
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync();
        Assert.Equal(daily.Credential.Id.ToString(), JsonNode.Parse(delivery.Payload)!["credential"]!["id"]!.GetValue<string>());
        Assert.Null((await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == brief.Credential.Id)).ExpiryNotifiedAt);
    }
}

/// <summary>A real HTTP listener for webhook deliveries: answers the given statuses in turn, then 200.</summary>
internal sealed class WebhookListener : IDisposable
{
    private readonly System.Net.HttpListener _listener = new();
    private readonly Queue<int> _answers;
    private readonly Task _loop;

    public WebhookListener(params int[] failures)
    {
        _answers = new Queue<int>(failures);
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public System.Collections.Concurrent.ConcurrentQueue<(string? Delivery, string? Signature, byte[] Body)> Received { get; } = new();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _ = _loop.Exception;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            System.Net.HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is System.Net.HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Received.Enqueue((context.Request.Headers[WebhookSender.DeliveryHeader], context.Request.Headers[WebhookSender.SignatureHeader], body.ToArray()));
            lock (_answers)
            {
                context.Response.StatusCode = _answers.TryDequeue(out var status) ? status : 200;
            }

            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
