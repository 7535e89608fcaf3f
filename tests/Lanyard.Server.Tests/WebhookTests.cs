using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Lanyard.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lanyard.Server.Tests;

/// <summary>Owners' webhooks, received by a real HTTP listener on a loopback port.</summary>
public sealed class WebhookTests(TestServer server) : IClassFixture<TestServer>
{
    [Fact]
    public async Task A_rotation_is_posted_to_the_owners_webhook_signed_with_the_secret_shown_once()
    {
        await using var receiver = await Receiver.StartAsync();
        var (owner, secret) = await CreateOwnerAsync(receiver.Url);
        var credential = await IssueApiKeyAsync(owner);

        using var admin = server.Client();
        var rotated = await admin.PostAsJsonAsync($"/v1/credentials/{credential}/rotate", new { });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var successor = (await rotated.Content.ReadFromJsonAsync<JsonObject>())!["credential"]!["id"]!.GetValue<string>();
        var received = await receiver.NextAsync(server);

        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), received.Body));
        Assert.Equal(expected, received.Signature);
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal("credential.rotated", body["event"]!.GetValue<string>());
        Assert.Equal(credential, body["credential"]!["id"]!.GetValue<string>());
        Assert.Equal(successor, body["credential"]!["successor"]!.GetValue<string>());
        Assert.Equal("dev", body["environment"]!.GetValue<string>());
        Assert.NotNull(body["identity"]!["spiffeId"]);
        Assert.Equal(server.Time.GetUtcNow(), body["occurredAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMinutes(1));
        Assert.Equal(body["id"]!.GetValue<string>(), received.DeliveryId);

        var deliveries = await DeliveriesAsync(owner);
        var delivery = Assert.Single(deliveries, d => d!["id"]!.GetValue<string>() == received.DeliveryId)!;
        Assert.Equal("delivered", delivery["status"]!.GetValue<string>());
        Assert.Equal(200, delivery["attemptLog"]![0]!["statusCode"]!.GetValue<int>());
        var listed = await admin.GetFromJsonAsync<JsonObject>($"/v1/owners/{owner}");
        Assert.Null(listed!["webhookSecret"]);
        Assert.Equal(receiver.Url, listed["webhook"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_receiver_that_fails_is_retried_after_a_backoff_and_each_attempt_is_recorded()
    {
        await using var receiver = await Receiver.StartAsync(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError);
        var (owner, _) = await CreateOwnerAsync(receiver.Url);
        var credential = await IssueApiKeyAsync(owner);
        using var admin = server.Client();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/v1/credentials/{credential}/revoke", new { reason = "leaked" })).StatusCode);

        var first = await receiver.NextAsync(server);
        await WaitForAttemptsAsync(owner, 1);
        var early = await receiver.TryNextAsync(server, TimeSpan.FromSeconds(5));
        var second = await receiver.NextAsync(server, TimeSpan.FromSeconds(10));
        await WaitForAttemptsAsync(owner, 2);
        var third = await receiver.NextAsync(server, TimeSpan.FromSeconds(25));

        Assert.Null(early);
        Assert.Equal(first.DeliveryId, second.DeliveryId);
        Assert.Equal(first.DeliveryId, third.DeliveryId);
        Assert.Equal(first.Body, third.Body);
        Assert.Equal("credential.revoked", JsonNode.Parse(first.Body)!["event"]!.GetValue<string>());
        Assert.Equal("leaked", JsonNode.Parse(first.Body)!["credential"]!["reason"]!.GetValue<string>());
        var delivery = (await WaitForAttemptsAsync(owner, 3))[0]!;
        Assert.Equal("delivered", delivery["status"]!.GetValue<string>());
        Assert.Equal([503, 500, 200], delivery["attemptLog"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()));
        Assert.Equal("The receiver answered 503.", delivery["attemptLog"]![0]!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plain_http_webhook_outside_loopback_is_refused_and_no_owner_is_created()
    {
        using var admin = server.Client();
        var refused = await admin.PostAsJsonAsync("/v1/owners", new { name = "team-http", webhook = "http://hooks.example.com/lanyard" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("webhook", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/owners/team-http")).StatusCode);
    }

    [Fact]
    public async Task An_abandoned_delivery_is_listed_as_failed_and_an_admin_redelivers_it_to_the_owners_new_webhook()
    {
        await using var receiver = await Receiver.StartAsync();
        var (owner, _) = await CreateOwnerAsync("https://hooks.example.com/retired");
        var credential = await IssueApiKeyAsync(owner);
        using var admin = server.Client();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/v1/credentials/{credential}/revoke", new { reason = "leaked" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/v1/owners/{owner}", new { clearWebhook = true })).StatusCode);
        var failed = await AdvanceUntilAsync($"/v1/webhooks/deliveries?owner={owner}&failed=true", found => found.Count == 1);
        var id = failed[0]!["id"]!.GetValue<string>();

        var withoutWebhook = await admin.PostAsync($"/v1/webhooks/deliveries/{id}/redeliver", null);
        var renewed = await admin.PatchAsJsonAsync($"/v1/owners/{owner}", new { webhook = receiver.Url });
        var secret = (await renewed.Content.ReadFromJsonAsync<JsonObject>())!["webhookSecret"]!.GetValue<string>();
        using var workload = server.Client(await IssueApiKeySecretAsync(owner));
        var byWorkload = await workload.PostAsync($"/v1/webhooks/deliveries/{id}/redeliver", null);
        var accepted = await admin.PostAsync($"/v1/webhooks/deliveries/{id}/redeliver", null);
        var received = await receiver.NextAsync(server);
        var after = await AdvanceUntilAsync($"/v1/webhooks/deliveries?owner={owner}", found => found[0]!["status"]!.GetValue<string>() == "delivered");

        Assert.Equal("abandoned", failed[0]!["status"]!.GetValue<string>());
        Assert.Equal("The owner has no webhook any more.", failed[0]!["lastError"]!.GetValue<string>());
        Assert.Equal(owner, failed[0]!["owner"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, withoutWebhook.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byWorkload.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("pending", (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(id, received.DeliveryId);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), received.Body)), received.Signature);
        Assert.Equal("credential.revoked", JsonNode.Parse(received.Body)!["event"]!.GetValue<string>());
        var shown = (await admin.GetFromJsonAsync<JsonObject>($"/v1/webhooks/deliveries/{id}"))!;
        Assert.Equal(after[0]!.ToJsonString(), shown.ToJsonString());
        Assert.Equal(2, shown["attempts"]!.GetValue<int>());
        Assert.Equal([null, 200], shown["attemptLog"]!.AsArray().Select(a => a!["statusCode"]?.GetValue<int>()));
        Assert.Single(await server.AuditAsync("webhook.redeliver"), e => e["target"]!.GetValue<string>() == $"webhook-delivery/{id}");
        Assert.Empty(await AdvanceUntilAsync($"/v1/webhooks/deliveries?owner={owner}&failed=true", _ => true));
    }

    [Theory]
    [InlineData("?failed=maybe", "failed")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?owner=team-that-does-not-exist", "team-that-does-not-exist")]
    public async Task A_bad_delivery_filter_is_refused_naming_it(string query, string named)
    {
        using var admin = server.Client();

        var refused = await admin.GetAsync("/v1/webhooks/deliveries" + query);

        Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, refused.StatusCode.ToString());
        Assert.Contains(named, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Moves the server's clock a second at a time until the list satisfies <paramref name="done"/>.</summary>
    private async Task<JsonArray> AdvanceUntilAsync(string path, Func<JsonArray, bool> done)
    {
        using var admin = server.Client();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = (await admin.GetFromJsonAsync<JsonArray>(path))!;
            if (done(found))
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} never held what was awaited: {found.ToJsonString()}");
            server.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }
    }

    private async Task<(string Owner, string Secret)> CreateOwnerAsync(string url)
    {
        using var admin = server.Client();
        var name = $"team-{Guid.NewGuid():N}"[..16];
        var created = await admin.PostAsJsonAsync("/v1/owners", new { name, webhook = url });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonObject>())!["webhookSecret"]!.GetValue<string>();
        return (name, secret);
    }

    private async Task<string> IssueApiKeyAsync(string owner) =>
        (await IssueAsync(owner))["credential"]!["id"]!.GetValue<string>();

    private async Task<string> IssueApiKeySecretAsync(string owner) => (await IssueAsync(owner))["key"]!.GetValue<string>();

    private async Task<JsonObject> IssueAsync(string owner)
    {
        using var admin = server.Client();
        var identity = await (await admin.PostAsJsonAsync("/v1/identities",
            new { name = $"svc-{Guid.NewGuid():N}"[..20], environment = "dev", owner })).Content.ReadFromJsonAsync<JsonObject>();
        var issued = await admin.PostAsJsonAsync($"/v1/identities/{identity!["id"]}/apikeys", new { ttl = "90d" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<JsonArray> DeliveriesAsync(string owner)
    {
        using var admin = server.Client();
        return (await admin.GetFromJsonAsync<JsonArray>($"/v1/owners/{owner}/webhook-deliveries"))!;
    }

    /// <summary>Waits (real time) until the owner's newest delivery has this many recorded attempts.</summary>
    private async Task<JsonArray> WaitForAttemptsAsync(string owner, int attempts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var deliveries = await DeliveriesAsync(owner);
            if (deliveries.Count > 0 && deliveries[0]!["attempts"]!.GetValue<int>() >= attempts)
            {
                return deliveries;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No attempt {attempts} was recorded: {deliveries.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    private sealed record Received(byte[] Body, string? Signature, string? DeliveryId);

    /// <summary>A Kestrel listener that answers with the given statuses in turn, then 200.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
        private readonly Queue<HttpStatusCode> _answers;

        private Receiver(WebApplication app, IEnumerable<HttpStatusCode> answers)
        {
            _app = app;
            _answers = new Queue<HttpStatusCode>(answers);
        }

        public string Url => _app.Urls.First() + "/hook";

        public static async Task<Receiver> StartAsync(params HttpStatusCode[] failures)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app, failures);
            app.MapPost("/hook", async (HttpRequest request) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer);
                await receiver._received.Writer.WriteAsync(new Received(
                    buffer.ToArray(), request.Headers["X-Lanyard-Signature"], request.Headers["X-Lanyard-Delivery"]));
                lock (receiver._answers)
                {
                    return Results.StatusCode((int)(receiver._answers.TryDequeue(out var status) ? status : HttpStatusCode.OK));
                }
            });
            await app.StartAsync();
            return receiver;
        }

        /// <summary>Moves the server's clock on until a request arrives; fails after <paramref name="within"/> of fake time.</summary>
        public async Task<Received> NextAsync(TestServer server, TimeSpan? within = null) =>
            await TryNextAsync(server, within ?? TimeSpan.FromSeconds(4))
            ?? throw new TimeoutException("The webhook receiver got nothing.");

        public async Task<Received?> TryNextAsync(TestServer server, TimeSpan within)
        {
            for (var waited = TimeSpan.Zero; waited <= within; waited += TimeSpan.FromSeconds(1))
            {
                using var pause = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
                try
                {
                    return await _received.Reader.ReadAsync(pause.Token);
                }
                catch (OperationCanceledException)
                {
                    server.Time.Advance(TimeSpan.FromSeconds(1));
                }
            }

            return null;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
