using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Lanyard.Core.Audit;
using Lanyard.Core.Inventory;
using Lanyard.Server;
using Lanyard.Server.Hosting;
using Lanyard.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Usage: Lanyard.Dashboard.Bench [CREDENTIALS] [REQUESTS]
// Seeds SQLite with CREDENTIALS credentials (default 100,000), signs in through the form like a
// browser, then times complete responses of the inventory page (request sent to last byte read,
// on loopback: what the server spends rendering it) for several filters, sorts and page depths.
var credentialCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var dataFolder = Path.Combine(Path.GetTempPath(), $"lanyard-dashboard-bench-{Guid.NewGuid():N}");
const string token = "lnyt_dashboard_bench_admin_token";

// Per-request log lines would interleave with the table; warnings and errors still show.
Environment.SetEnvironmentVariable("Logging__LogLevel__Microsoft.AspNetCore", "Warning");
// The background workers are held back, so the pages are timed against a fixed inventory.
var settings = new ServerSettings
{
    DataFolder = dataFolder, Urls = ["https://127.0.0.1:0"], BootstrapToken = token,
    LifecycleInterval = TimeSpan.FromHours(12), WebhookInterval = TimeSpan.FromHours(12),
};
await using var app = await LanyardServer.BuildAsync(settings, TextWriter.Null);
await app.StartAsync();
try
{
    var seeding = Stopwatch.StartNew();
    await SeedAsync(app.Services.GetRequiredService<StoreFactory>(), credentialCount);
    Console.Error.WriteLine($"seeded {credentialCount:N0} credentials in {seeding.Elapsed.TotalSeconds:F1} s");

    using var client = new HttpClient(new HttpClientHandler
    {
        CookieContainer = new CookieContainer(),
        AllowAutoRedirect = false,
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    })
    { BaseAddress = new Uri(app.Urls.First()) };
    await SignInAsync(client);
    var cold = await TimeAsync(client, "/inventory");
    Console.WriteLine($"Cold first render after start (page compiled and JIT-ed on first use): {cold:F1} ms");
    Console.WriteLine();

    var deepCursor = await CursorAfterPagesAsync(client, "/inventory", 20);
    var scenarios = new (string Name, string Path)[]
    {
        ("first page, by name", "/inventory"),
        ("environment = prod", "/inventory?environment=prod"),
        ("sorted by expiry", "/inventory?sort=expires"),
        ("owner filter", "/inventory?owner=team-07"),
        ("kind + state filter", "/inventory?kind=certificate&state=active"),
        ("text search", "/inventory?q=key-4242"),
        ("21st page (keyset)", "/inventory?cursor=" + deepCursor),
        ("identities, first page", "/inventory?view=identities"),
        ("overview", "/"),
        ("findings", "/findings"),
        ("findings, prod", "/findings?environment=prod"),
        ("owners", "/owners"),
        ("audit trail (chain verified)", "/audit"),
        ("audit, action filter", "/audit?action=credential.revoke"),
    };

    Console.WriteLine($"| page ({credentialCount:N0} credentials) | first request ms | median ms | p95 ms |");
    Console.WriteLine("| --- | ---: | ---: | ---: |");
    foreach (var (name, path) in scenarios)
    {
        var first = await TimeAsync(client, path);
        var times = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            times.Add(await TimeAsync(client, path));
        }

        times.Sort();
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        Console.WriteLine($"| {name} | {first:F1} | {times[times.Count / 2]:F1} | {p95:F1} |");
    }
}
finally
{
    await app.StopAsync();
    SqliteConnection.ClearAllPools();
    Directory.Delete(dataFolder, recursive: true);
}

static async Task<double> TimeAsync(HttpClient client, string path)
{
    var watch = Stopwatch.StartNew();
    using var response = await client.GetAsync(path);
    var body = await response.Content.ReadAsStringAsync();
    watch.Stop();
    if (response.StatusCode != HttpStatusCode.OK || !body.Contains("</main>", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} without a whole page");
    }

    return watch.Elapsed.TotalMilliseconds;
}

static async Task SignInAsync(HttpClient client)
{
    var form = await client.GetStringAsync("/signin");
    var csrf = Regex.Match(form, "name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["__csrf"] = csrf });
    using var response = await client.PostAsync("/signin", content);
    if (response.StatusCode != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
    }
}

static async Task<string> CursorAfterPagesAsync(HttpClient client, string path, int pages)
{
    var cursor = "";
    for (var i = 0; i < pages; i++)
    {
        var html = await client.GetStringAsync(path + (cursor.Length > 0 ? "?cursor=" + cursor : ""));
        cursor = Regex.Match(html, "cursor=([A-Za-z0-9_-]+)\" rel=\"next\"").Groups[1].Value;
    }

    return cursor;
}

// 100 owners, 2,000 identities over three environments, and the credentials spread over them with
// realistic kinds, states and expiry dates; written straight to the store in large batches.
static async Task SeedAsync(StoreFactory store, int count)
{
    var random = new Random(20261204);
    var now = DateTimeOffset.UtcNow;
    string[] environments = ["dev", "staging", "prod"];
    var kinds = Enum.GetValues<CredentialKind>();

    await using (var db = store.CreateContext())
    {
        var owners = Enumerable.Range(0, 100).Select(i => new Owner { Name = $"team-{i:D2}", Contact = $"team-{i:D2}@example.com", CreatedAt = now, UpdatedAt = now }).ToList();
        db.Owners.AddRange(owners);
        var identities = Enumerable.Range(0, 2000).Select(i =>
        {
            var environment = environments[i % 3];
            return new Identity
            {
                Name = $"service-{i:D4}", Environment = environment, OwnerId = i % 25 == 0 ? null : owners[i % owners.Count].Id,
                SpiffeId = $"spiffe://{environment}.lanyard.internal/service-{i:D4}", CreatedAt = now, UpdatedAt = now,
            };
        }).ToList();
        db.Identities.AddRange(identities);
        await db.SaveChangesAsync();

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var start = 0; start < count; start += 10_000)
        {
            for (var i = start; i < Math.Min(count, start + 10_000); i++)
            {
                var identity = identities[random.Next(identities.Count)];
                var kind = kinds[random.Next(kinds.Length)];
                db.Credentials.Add(new Credential
                {
                    IdentityId = identity.Id, Environment = identity.Environment, Name = $"{identity.Name} key-{i}", Kind = kind,
                    Source = random.Next(4) == 0 ? CredentialSource.Discovered : CredentialSource.Issued,
                    State = random.Next(10) switch { 0 => CredentialState.Revoked, 1 => CredentialState.Inactive, _ => CredentialState.Active },
                    ExpiresAt = random.Next(5) == 0 ? null : now.AddDays(random.Next(-60, 400)),
                    LastUsedAt = now.AddDays(-random.Next(0, 200)), UsageTracked = true,
                    Fingerprint = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
                    CreatedAt = now.AddDays(-random.Next(0, 700)), UpdatedAt = now.AddMinutes(-random.Next(0, 100_000)),
                });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            Console.Error.Write($"\rseeding {Math.Min(count, start + 10_000):N0}/{count:N0}");
        }

        Console.Error.WriteLine();
        await SeedAuditAsync(db, count, now);
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
}

// As many audit events as credentials, chained like the server chains them, so the audit page
// verifies a trail of realistic length on every request.
static async Task SeedAuditAsync(LanyardDbContext db, int count, DateTimeOffset now)
{
    string[] actions = ["credential.create", "credential.revoke", "credential.rotate", "identity.update", "oauth.token"];
    var head = await db.AuditHeads.SingleAsync();
    var previous = head.LastHash;
    var sequence = head.LastSequence;
    for (var start = 0; start < count; start += 10_000)
    {
        for (var i = start; i < Math.Min(count, start + 10_000); i++)
        {
            var auditEvent = new AuditEvent
            {
                Sequence = ++sequence, Time = now.AddSeconds(i - count), Actor = $"principal-{i % 7}", Action = actions[i % actions.Length],
                Target = $"credential/{i}", Outcome = AuditOutcome.Success, PreviousHash = previous, Hash = string.Empty,
            };
            auditEvent.Hash = AuditChain.ComputeHash(auditEvent);
            previous = auditEvent.Hash;
            db.AuditEvents.Add(auditEvent);
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        Console.Error.Write($"\rseeding audit {Math.Min(count, start + 10_000):N0}/{count:N0}");
    }

    await db.AuditHeads.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, sequence).SetProperty(h => h.LastHash, previous));
    Console.Error.WriteLine();
}
