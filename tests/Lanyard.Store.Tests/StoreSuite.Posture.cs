using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Core.Posture;
using Lanyard.Store.Inventory;
using Lanyard.Store.Policy;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Posture_loads_only_candidates_yet_finds_what_the_analyzer_finds_over_every_credential()
    {
        await Inventory.CreateEnvironmentAsync(new EnvironmentDraft("lab"), Admin);
        var applied = await new PolicyStore(Database.Store, Database.Time).ApplyAsync("lab", LabPolicy, Admin);
        Assert.True(applied.Succeeded, applied.Problem?.Detail);
        await SeedPostureCasesAsync();

        var fromStore = (await Inventory.PostureAsync(null, AsOf)).Value!;

        var overEverything = PostureAnalyzer.Analyze(await EverythingAsync(), AsOf);
        Assert.Equal(overEverything.Select(Describe), fromStore.Select(Describe));
        Assert.Equal(Enum.GetValues<FindingKind>(), fromStore.Select(f => f.Kind).Distinct().Order());
        Assert.Equal(21, fromStore.Count);
        Assert.Equal(["lab api key", "lab svid", "lab tls"],
            fromStore.Where(f => f.Kind == FindingKind.PolicyViolation).Select(f => f.CredentialName).Order());
    }

    // The lab environment is governed by a policy: it sets the thresholds and forbids API keys.
    private const string LabPolicy = """
        environment: lab
        stale-after: 30d
        renewal-window: 60d
        credentials:
          api-key: { allowed: false }
          x509-svid: { max-lifetime: 1h }
        identities:
          - match: "deploy-*"
            spiffe-paths: ["/deploy-bot"]
            dns-names: ["*.lab.example"]
        """;

    private async Task SeedPostureCasesAsync()
    {
        var team = new Owner { Name = "team-ops", CreatedAt = AsOf };
        var bot = Machine("deploy-bot", "dev", team.Id);
        var orphan = Machine("metabase-sync", "prod", ownerId: null);
        Credential Key(string name, string environment, int? usedDaysAgo, int createdDaysAgo = 400,
            CredentialState state = CredentialState.Active) => new()
        {
            Name = name, Environment = environment, IdentityId = bot.Id, Kind = CredentialKind.AccessKey,
            Source = CredentialSource.Discovered, State = state, UsageTracked = true, Fingerprint = Hex(name),
            CreatedAt = AsOf.AddDays(-createdDaysAgo), LastUsedAt = usedDaysAgo is { } d ? AsOf.AddDays(-d) : null,
        };
        Credential Certificate(string name, string environment, int expiresInDays, string algorithm = "EC", int size = 256,
            string signature = "ecdsa-with-SHA256") => new()
        {
            Name = name, Environment = environment, IdentityId = bot.Id, Kind = CredentialKind.Certificate,
            Source = CredentialSource.Discovered, Fingerprint = Hex(name), CreatedAt = AsOf.AddDays(-100),
            ExpiresAt = AsOf.AddDays(expiresInDays), KeyAlgorithm = algorithm, KeySize = size, SignatureAlgorithm = signature,
        };
        Credential Renewed(string name, int createdDaysAgo, int expiresInDays) => new()
        {
            Name = name, Environment = "prod", IdentityId = bot.Id, Kind = CredentialKind.Certificate,
            Source = CredentialSource.Issued, Fingerprint = Hex(name + createdDaysAgo), CreatedAt = AsOf.AddDays(-createdDaysAgo),
            ExpiresAt = AsOf.AddDays(expiresInDays), SignatureAlgorithm = "ecdsa-with-SHA256",
        };
        var labBot = Machine("deploy-bot", "lab", team.Id);
        Credential Issued(string name, CredentialKind kind, TimeSpan lifetime, params string[] names) => new()
        {
            Name = name, Environment = "lab", IdentityId = labBot.Id, Kind = kind, Source = CredentialSource.Issued,
            Fingerprint = Hex(name), CreatedAt = AsOf.AddMinutes(-5), ExpiresAt = AsOf.AddMinutes(-5) + lifetime,
            SubjectAlternativeNames = [.. names], SignatureAlgorithm = "ecdsa-with-SHA256",
        };
        Credential Secret(string name, string environment, string fingerprint, OwnerId? ownerId,
            CredentialState state = CredentialState.Active) => new()
        {
            Name = name, Environment = environment, OwnerId = ownerId, Kind = CredentialKind.Secret,
            Source = CredentialSource.Discovered, State = state, Fingerprint = fingerprint, CreatedAt = AsOf.AddDays(-300),
        };

        Credential[] credentials =
        [
            Key("idle key", "dev", usedDaysAgo: 100), // stale
            Key("busy key", "dev", usedDaysAgo: 10),
            Key("never used key", "dev", usedDaysAgo: null, createdDaysAgo: 200), // stale
            Key("new key", "dev", usedDaysAgo: null, createdDaysAgo: 5),
            Key("revoked idle key", "dev", usedDaysAgo: 300, state: CredentialState.Revoked),
            Key("inactive idle key", "dev", usedDaysAgo: 300, state: CredentialState.Inactive),
            Key("lab key", "lab", usedDaysAgo: 40), // stale: lab allows 30 days
            Certificate("expiring cert", "staging", expiresInDays: 10), // expiring
            Certificate("expired cert", "staging", expiresInDays: -2), // expired
            Certificate("healthy cert", "staging", expiresInDays: 200),
            Certificate("later cert", "staging", expiresInDays: 50),
            Certificate("lab cert", "lab", expiresInDays: 50), // expiring: lab renews 60 days ahead
            Certificate("short rsa cert", "prod", expiresInDays: 300, "RSA", 1024, "sha256WithRSAEncryption"), // weak
            Certificate("sha1 cert", "prod", expiresInDays: 300, "RSA", 2048, "SHA1withRSA"), // weak
            Certificate("long rsa cert", "prod", expiresInDays: 300, "RSA", 4096, "sha256WithRSAEncryption"),
            Secret("loose secret", "dev", Hex("loose"), ownerId: null), // orphaned
            Secret("owned loose secret", "dev", Hex("owned"), team.Id),
            Secret("shared password", "staging", Hex("shared"), team.Id), // reused with prod
            Secret("shared password", "prod", Hex("shared"), team.Id),
            Secret("rotated password", "staging", Hex("rotated"), team.Id),
            Secret("rotated password", "prod", Hex("rotated"), team.Id, CredentialState.Gone),
            Certificate("lapsed cert", "staging", expiresInDays: -30), // expired, marked so by the worker
            Renewed("edge tls", createdDaysAgo: 100, expiresInDays: 5), // renewed: its expiry is no finding
            Renewed("edge tls", createdDaysAgo: 1, expiresInDays: 300),
            Issued("lab api key", CredentialKind.ApiKey, TimeSpan.FromDays(7)), // policy: api keys not allowed
            Issued("lab client secret", CredentialKind.ClientSecret, TimeSpan.FromDays(7)),
            Issued("lab svid", CredentialKind.Certificate, TimeSpan.FromHours(3), "spiffe://lab.lanyard.internal/deploy-bot"), // too long
            Issued("lab short svid", CredentialKind.Certificate, TimeSpan.FromHours(1), "spiffe://lab.lanyard.internal/deploy-bot"),
            Issued("lab tls", CredentialKind.Certificate, TimeSpan.FromDays(7), "api.example.com", "spiffe://lab.lanyard.internal/deploy-bot"), // name
            Issued("lab good tls", CredentialKind.Certificate, TimeSpan.FromDays(7), "api.lab.example", "spiffe://lab.lanyard.internal/deploy-bot"),
        ];
        credentials.Single(c => c.Name == "lapsed cert").State = CredentialState.Expired;

        // Hardcoded secrets: one is a revoked credential's (linked though revoked), one a healthy key's
        // (not otherwise a candidate), one matches nothing.
        SecretSighting Sighting(string fingerprint, string path) => new()
        {
            SightingKey = SecretSighting.KeyOf(fingerprint, "git.example.com/ops", path, 3, null, null),
            Fingerprint = fingerprint, RuleId = "generic-secret", Kind = "generic-secret", Source = "git.example.com/ops",
            Path = path, Line = 3, FirstReportedAt = AsOf.AddDays(-3), LastReportedAt = AsOf.AddDays(-1), ReportedBy = "ci",
        };

        await using var db = Database.Store.CreateContext();
        db.Owners.Add(team);
        db.Identities.AddRange(bot, orphan, labBot); // metabase-sync: an orphaned identity
        db.Credentials.AddRange(credentials);
        db.SecretSightings.AddRange(
            Sighting(Hex("revoked idle key"), "deploy/old.env"),
            Sighting(Hex("busy key"), "deploy/app.env"),
            Sighting(Hex("nowhere"), "notes.txt"));

        // Watched endpoints: a wrong name, an untrusted issuer, one that does not answer, one healthy.
        WatchedEndpoint Endpoint(string host, params ProbeProblem[] problems) => new()
        {
            Host = host, Port = 443, Environment = "prod", IdentityId = bot.Id, CreatedAt = AsOf.AddDays(-10),
            NextProbeAt = AsOf, LastProbedAt = AsOf.AddHours(-1), Problems = [.. problems],
        };
        var silent = Endpoint("gone.example.com");
        silent.LastError = "can't connect: Connection refused";
        silent.UnreachableSince = AsOf.AddDays(-2);
        db.WatchedEndpoints.AddRange(
            Endpoint("api.example.com", new ProbeProblem("hostname-mismatch", "the certificate does not name api.example.com")),
            Endpoint("self.example.com", new ProbeProblem("untrusted-issuer", "the chain does not end at a trusted root")),
            silent,
            Endpoint("fine.example.com"));
        await db.SaveChangesAsync();
    }

    private async Task<PostureInput> EverythingAsync()
    {
        await using var db = Database.Store.CreateContext();
        return new PostureInput(
            await db.Environments.AsNoTracking().ToDictionaryAsync(e => e.Name),
            await db.Owners.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name),
            (await db.Identities.AsNoTracking().ToListAsync()).ConvertAll(PostureRows.From),
            (await db.Credentials.AsNoTracking().ToListAsync()).ConvertAll(PostureRows.From))
        {
            Sightings = await db.SecretSightings.AsNoTracking().ToListAsync(),
            Policies = new Dictionary<string, Core.Policy.EnvironmentPolicy>
            {
                ["lab"] = (await new PolicyStore(Database.Store, Database.Time).PolicyAsync("lab"))!,
            },
            Endpoints = await db.WatchedEndpoints.AsNoTracking().ToListAsync(),
        };
    }

    private static Identity Machine(string name, string environment, OwnerId? ownerId) => new()
    {
        Name = name, Environment = environment, OwnerId = ownerId, SpiffeId = $"spiffe://{environment}.lanyard.internal/{name}",
        Class = IdentityClass.Machine, Source = CredentialSource.Discovered, CreatedAt = AsOf.AddDays(-500),
    };

    private static string Hex(string seed) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(seed)));

    private static string Describe(Finding f) =>
        $"{f.Kind} {f.Environment} {f.CredentialName} {f.IdentityName} {f.Owner} {f.Since:O} {f.Occurrences.Count}";
}
