using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

public sealed class WebhookCommandTests(CliHarness harness) : IClassFixture<CliHarness>
{
    [Fact]
    public async Task Deliveries_lists_an_owners_delivery_with_its_attempts_and_redeliver_sends_it_again_with_the_same_id()
    {
        using var receiver = new HookReceiver();
        var owner = $"team-{Guid.NewGuid():N}"[..16];
        await RevokedKeyOfNewOwnerAsync(owner, receiver.Url);
        var delivered = await WaitForAsync(owner, d => d["status"]!.GetValue<string>() == "delivered");
        var id = delivered["id"]!.GetValue<string>();

        var listed = await harness.RunAsync("webhook", "deliveries", "--owner", owner, "--format", "json");
        var failedOnly = await harness.RunAsync("webhook", "deliveries", "--owner", owner, "--failed", "--format", "json");
        var redeliver = await harness.RunAsync("webhook", "redeliver", id);
        await WaitForAsync(owner, d => d["attempts"]!.GetValue<int>() == 2 && d["status"]!.GetValue<string>() == "delivered");
        var shown = await harness.RunAsync("webhook", "show", id);

        Assert.True(listed.ExitCode == 0, listed.ToString());
        var item = Assert.Single(JsonNode.Parse(listed.Stdout)!.AsArray())!;
        Assert.Equal(id, item["id"]!.GetValue<string>());
        Assert.Equal(owner, item["owner"]!.GetValue<string>());
        Assert.Equal(200, item["attemptLog"]![0]!["statusCode"]!.GetValue<int>());
        Assert.Empty(JsonNode.Parse(failedOnly.Stdout)!.AsArray());
        Assert.True(redeliver.ExitCode == 0, redeliver.ToString());
        Assert.Contains($"Delivery {id} (credential.revoked for {owner}) is queued", redeliver.Stdout, StringComparison.Ordinal);
        Assert.Equal([id, id], receiver.Deliveries);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("delivered", shown.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, shown.Stdout.Split('\n').Count(line => line.Contains("│ 200 ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Redeliver_of_an_unknown_delivery_exits_2_naming_it()
    {
        var unknown = Guid.NewGuid().ToString();

        var run = await harness.RunAsync("webhook", "redeliver", unknown);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"No webhook delivery '{unknown}'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_of_an_unknown_owner_exits_2()
    {
        var run = await harness.RunAsync("webhook", "deliveries", "--owner", "team-nobody-knows");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("No owner 'team-nobody-knows'", run.Stderr, StringComparison.Ordinal);
    }

    private async Task RevokedKeyOfNewOwnerAsync(string owner, string webhook)
    {
        using var admin = harness.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/owners", new { name = owner, webhook })).StatusCode);
        var identity = await (await admin.PostAsJsonAsync("/v1/identities",
            new { name = $"cli-{Guid.NewGuid():N}"[..20], environment = "dev", owner })).Content.ReadFromJsonAsync<JsonObject>();
        var issued = await (await admin.PostAsJsonAsync($"/v1/identities/{identity!["id"]}/apikeys", new { })).Content.ReadFromJsonAsync<JsonObject>();
        var revoked = await admin.PostAsJsonAsync($"/v1/credentials/{issued!["credential"]!["id"]}/revoke", new { reason = "test" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
    }

    /// <summary>Polls (real time; the webhook worker runs every 2 seconds) until the owner's newest delivery satisfies <paramref name="done"/>.</summary>
    private async Task<JsonNode> WaitForAsync(string owner, Func<JsonNode, bool> done)
    {
        using var admin = harness.Client();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var deliveries = (await admin.GetFromJsonAsync<JsonArray>($"/v1/webhooks/deliveries?owner={owner}"))!;
            if (deliveries.Count > 0 && done(deliveries[0]!))
            {
                return deliveries[0]!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The delivery never got there: {deliveries.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    /// <summary>A real HTTP listener that accepts every delivery and keeps its <c>X-Lanyard-Delivery</c> id.</summary>
    private sealed class HookReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<string?> _deliveries = new();
        private readonly Task _loop;

        public HookReceiver()
        {
            using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hook/";
            probe.Stop();
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public IReadOnlyList<string?> Deliveries => _deliveries.ToList();

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
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                _deliveries.Enqueue(context.Request.Headers["X-Lanyard-Delivery"]);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
    }
}
