using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lanyard.Server;
using Lanyard.Server.Hosting;

// Usage: Lanyard.Pki.Bench [seconds] [concurrency]
// Starts the server on SQLite in a temporary folder, gives one workload an API key, and has
// `concurrency` clients post X.509-SVID requests (ECDSA P-256) for `seconds`; then counts the
// certificates stored in the inventory.
var seconds = args.Length > 0 ? int.Parse(args[0]) : 20;
var concurrency = args.Length > 1 ? int.Parse(args[1]) : 16;
const string Admin = "lnyt_bench_admin_token_0123456789abcdef";

var folder = Directory.CreateTempSubdirectory("lanyard-bench-").FullName;
var settings = new ServerSettings { DataFolder = folder, Urls = ["https://127.0.0.1:0"], BootstrapToken = Admin };
var app = await LanyardServer.BuildAsync(settings, TextWriter.Null);
await app.StartAsync();
var address = new Uri(app.Urls.First());

HttpClient Client(string token)
{
    var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency };
    handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
    var client = new HttpClient(handler) { BaseAddress = address };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

using var admin = Client(Admin);
var identity = (await (await admin.PostAsJsonAsync("/v1/identities", new { name = "bench-svc", environment = "prod" }))
    .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
var key = (await (await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { }))
    .Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();

var csrs = Enumerable.Range(0, 256).Select(_ =>
{
    using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    return new CertificateRequest("CN=bench", ec, HashAlgorithmName.SHA256).CreateSigningRequestPem();
}).ToArray();

using var workload = Client(key);
(await workload.PostAsJsonAsync("/v1/svid/x509", new { csr = csrs[0] })).EnsureSuccessStatusCode(); // creates the CA
// As wrk does for the token endpoint: a few seconds unmeasured, so the run measures compiled
// code and warm pools rather than start-up.
var warmUp = await DriveAsync(TimeSpan.FromSeconds(5));
var cpuBefore = Environment.CpuUsage.TotalTime;
var stop = Stopwatch.StartNew();
var (latencies, failures) = await DriveAsync(TimeSpan.FromSeconds(seconds));
var elapsed = stop.Elapsed.TotalSeconds;
var cpu = Environment.CpuUsage.TotalTime - cpuBefore;

async Task<(List<double>[] Latencies, int Failures)> DriveAsync(TimeSpan duration)
{
    var latencies = new List<double>[concurrency];
    var failures = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        latencies[worker] = [];
        var i = worker;
        while (clock.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await workload.PostAsJsonAsync("/v1/svid/x509", new { csr = csrs[i++ % csrs.Length] });
            if (response.IsSuccessStatusCode)
            {
                latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                Interlocked.Increment(ref failures);
            }
        }
    }));
    return (latencies, failures);
}

var all = latencies.SelectMany(l => l).Order().ToList();
Console.WriteLine($"issued {all.Count} X.509-SVIDs in {elapsed:0.0}s with {concurrency} clients: {all.Count / elapsed:0} /s, "
    + $"p50 {all[all.Count / 2]:0.0} ms, p99 {all[(int)(all.Count * 0.99)]:0.0} ms, {failures} failed");
// Server and clients share the process: on a machine shared with other work, CPU per certificate
// is steadier than certificates per second.
Console.WriteLine($"issued CPU {cpu.TotalMicroseconds / Math.Max(all.Count, 1):0} µs per certificate (server and clients, user + system), "
    + $"load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown")}");

await using (var db = new Lanyard.Store.StoreFactory(settings.ToStoreOptions()).CreateContext())
{
    var stored = db.Credentials.Count(c => c.Kind == Lanyard.Core.Inventory.CredentialKind.Certificate);
    var warmedUp = warmUp.Latencies.Sum(l => l.Count) + 1;
    Console.WriteLine($"certificates stored in the inventory: {stored} ({warmedUp} more from the first request and the warm-up)");
}

await app.StopAsync();
await app.DisposeAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);
