using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Lanyard.EndToEnd.Tests;

/// <summary>The agent keeping a short-lived SVID fresh for a real TLS server while the Lanyard server restarts.</summary>
public sealed class AgentRenewalTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(55);
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-agent-e2e-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Agent_keeps_a_tls_server_on_unexpired_svids_across_renewals_and_a_server_restart()
    {
        var settings = new Dictionary<string, string> { ["LANYARD_SVID_MIN_TTL"] = "10s" };
        await using var first = await LanyardProcess.StartAsync(extraEnvironment: settings);
        var apiKey = await WorkloadApiKeyAsync(first, "checkout-api");
        var output = Path.Combine(_folder, "svid");
        var marker = Path.Combine(_folder, "reload");
        var agentLog = new StringBuilder();
        using var agent = first.StartCommand(apiKey, agentLog,
            "agent", "--identity", "checkout-api", "--out", output, "--ttl", "20s", "--exec", $"touch '{marker}'");
        LanyardProcess? second = null;
        try
        {
            await WaitForAsync(() => File.Exists(marker), "the agent's first SVID", agentLog);
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(Path.Combine(output, "svid_bundle.pem"));
            using var tlsServer = new ReloadingTlsServer(Path.Combine(output, "svid.pem"), Path.Combine(output, "svid_key.pem"), marker);
            using var stop = new CancellationTokenSource();
            var reads = ReadFilesUntilAsync(output, stop.Token);
            var client = ConnectUntilAsync(tlsServer.Port, roots, stop.Token);

            // Restart the server right after a renewal and keep it down for most of the next renewal interval,
            // so the agent's next renewal meets a dead server and has to retry.
            var started = DateTime.UtcNow;
            await WaitForAsync(() => tlsServer.Reloads >= 1, "the first renewal", agentLog);
            await first.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(8));
            second = await LanyardProcess.StartAsync(first.DataFolder, settings, first.Address, first.Token);
            var restarted = tlsServer.Reloads;
            await WaitForAsync(() => tlsServer.Reloads >= restarted + 2, "two renewals after the restart", agentLog);
            await stop.CancelAsync();

            var (parsedReads, unreadable) = await reads;
            var (serials, refusals) = await client;
            Assert.True(refusals.Count == 0, string.Join("\n", refusals) + "\n" + agentLog);
            Assert.True(unreadable.Count == 0, string.Join("\n", unreadable));
            Assert.Empty(tlsServer.Errors);
            Assert.True(serials.Count >= 3, $"served serials: {string.Join(", ", serials)}\n{agentLog}");
            Assert.True(parsedReads > 100, $"only {parsedReads} reads of the files");
            Assert.Contains("renewal failed", agentLog.ToString(), StringComparison.Ordinal);
            Assert.True(DateTime.UtcNow - started < Deadline);
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    private static async Task<string> WorkloadApiKeyAsync(LanyardProcess lanyard, string name)
    {
        using var admin = lanyard.CreateClient();
        var identity = await (await admin.PostAsJsonAsync("/v1/identities", new { name, environment = "prod" })).Content.ReadFromJsonAsync<JsonNode>();
        var issued = await admin.PostAsJsonAsync($"/v1/identities/{identity!["id"]}/apikeys", new { });
        return (await issued.Content.ReadFromJsonAsync<JsonNode>())!["key"]!.GetValue<string>();
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, StringBuilder log)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Deadline.TotalSeconds}s for {what}. Agent log:\n{log}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Reads the three files as fast as a careless reader would; every read must parse completely.</summary>
    private static async Task<(int Reads, List<string> Unreadable)> ReadFilesUntilAsync(string folder, CancellationToken stop)
    {
        var reads = 0;
        var unreadable = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var chain = new X509Certificate2Collection();
                chain.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(folder, "svid.pem"), CancellationToken.None));
                using var key = ECDsa.Create();
                key.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(folder, "svid_key.pem"), CancellationToken.None));
                var bundle = new X509Certificate2Collection();
                bundle.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(folder, "svid_bundle.pem"), CancellationToken.None));
                if (chain.Count != 2 || bundle.Count != 1)
                {
                    unreadable.Add($"svid.pem held {chain.Count} certificates and svid_bundle.pem {bundle.Count}");
                }

                reads++;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException or IOException)
            {
                unreadable.Add(e.Message);
            }

            await Task.Delay(15, CancellationToken.None);
        }

        return (reads, unreadable);
    }

    /// <summary>Connects again and again as a relying party: the served SVID must chain to the bundle and be in its validity period.</summary>
    private static async Task<(HashSet<string> Serials, List<string> Refusals)> ConnectUntilAsync(
        int port, X509Certificate2Collection roots, CancellationToken stop)
    {
        var serials = new HashSet<string>();
        var refusals = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port, CancellationToken.None);
            await using var tls = new SslStream(tcp.GetStream());
            string? refusal = null;
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "checkout-api",
                RemoteCertificateValidationCallback = (_, certificate, presented, _) =>
                {
                    using var leaf = new X509Certificate2(certificate!);
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                    chain.ChainPolicy.ExtraStore.AddRange(presented!.ChainPolicy.ExtraStore);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    var now = DateTime.Now;
                    if (!chain.Build(leaf) || now >= leaf.NotAfter || now < leaf.NotBefore)
                    {
                        refusal = $"{DateTime.UtcNow:O}: serial {leaf.SerialNumber} valid {leaf.NotBefore:O}..{leaf.NotAfter:O}: "
                                  + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation));
                    }

                    serials.Add(leaf.SerialNumber);
                    return true;
                },
            }, CancellationToken.None);
            if (refusal is not null)
            {
                refusals.Add(refusal);
            }

            await Task.Delay(200, CancellationToken.None);
        }

        return (serials, refusals);
    }
}
