using System.Security.Cryptography;
using System.Text;
using Lanyard.Core;
using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Core.Posture;
using Lanyard.Store.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    private const string Repository = "github.com/acme/billing";
    private const string DeployKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY-for-tests";

    private static string FingerprintOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static ReportedSecret Reported(string secret, string path = "config/app.env", int line = 4) =>
        new("generic-secret", "generic-secret", path, line, 9, FingerprintOf(secret), SightingConfidence.Medium);

    private async Task<int> SightingCountAsync()
    {
        await using var db = Database.Store.CreateContext();
        return await db.SecretSightings.CountAsync();
    }

    [Fact]
    public async Task Reporting_the_same_places_again_stores_nothing_new_and_moves_last_reported()
    {
        var report = new ScanReport(Repository, [Reported("s1"), Reported("s2", line: 8), Reported("s1")]);
        var first = await Inventory.ReportSecretsAsync(report, Admin);
        var firstSeen = (await Inventory.ListSightingsAsync(new SightingQuery())).Items.Select(s => s.FirstReportedAt).ToList();
        Database.Time.Advance(TimeSpan.FromDays(2));

        var second = await Inventory.ReportSecretsAsync(report, Admin);

        Assert.Equal((3, 2, 0), (first.Value!.Received, first.Value.Stored, first.Value.Updated));
        Assert.Equal((3, 0, 2), (second.Value!.Received, second.Value.Stored, second.Value.Updated));
        var sightings = (await Inventory.ListSightingsAsync(new SightingQuery())).Items;
        Assert.Equal(2, sightings.Count);
        Assert.Equal(firstSeen, sightings.Select(s => s.FirstReportedAt));
        Assert.All(sightings, s => Assert.Equal(Database.Time.GetUtcNow(), s.LastReportedAt, TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public async Task A_complete_scan_resolves_the_places_it_no_longer_finds_and_a_later_report_opens_them_again()
    {
        await Inventory.ReportSecretsAsync(new ScanReport(Repository, [Reported("s1"), Reported("s2", line: 8)]), Admin);
        await Inventory.ReportSecretsAsync(new ScanReport("registry.acme.io/billing:1.4", [Reported("s3")]), Admin);
        Database.Time.Advance(TimeSpan.FromHours(1));
        var scanStart = Database.Time.GetUtcNow();

        // A partial scan of the same source resolves nothing; a complete one resolves s2 of this source only.
        var partial = (await Inventory.ReportSecretsAsync(new ScanReport(Repository, [Reported("s1")]), Admin)).Value!;
        Database.Time.Advance(TimeSpan.FromHours(1));
        var complete = (await Inventory.ReportSecretsAsync(new ScanReport(Repository, [Reported("s1")]) { Complete = true }, Admin)).Value!;

        Assert.Equal((0, 1), (partial.Resolved, complete.Resolved));
        var sightings = (await Inventory.ListSightingsAsync(new SightingQuery())).Items;
        var resolved = Assert.Single(sightings, s => s.ResolvedAt is not null);
        Assert.Equal((FingerprintOf("s2"), 8), (resolved.Fingerprint, resolved.Line));
        Assert.Equal(complete.ReportedAt, resolved.ResolvedAt);
        var open = (await Inventory.PostureAsync(null, null)).Value!.Where(f => f.Kind == FindingKind.HardcodedSecret).ToList();
        Assert.Equal(2, open.Count);
        var before = (await Inventory.PostureAsync(null, scanStart)).Value!.Where(f => f.Kind == FindingKind.HardcodedSecret);
        Assert.Equal(3, before.Count());

        var reopened = (await Inventory.ReportSecretsAsync(new ScanReport(Repository, [Reported("s2", line: 8)]), Admin)).Value!;
        Assert.Equal(1, reopened.Updated);
        Assert.All((await Inventory.ListSightingsAsync(new SightingQuery())).Items, s => Assert.Null(s.ResolvedAt));
    }

    [Fact]
    public async Task A_scan_sent_in_several_reports_resolves_only_what_none_of_them_reported()
    {
        await Inventory.ReportSecretsAsync(new ScanReport(Repository, [Reported("s1"), Reported("s2"), Reported("s3")]), Admin);
        Database.Time.Advance(TimeSpan.FromHours(1));

        var first = (await Inventory.ReportSecretsAsync(new ScanReport(Repository, [Reported("s1")]), Admin)).Value!;
        Database.Time.Advance(TimeSpan.FromSeconds(5));
        var last = (await Inventory.ReportSecretsAsync(
            new ScanReport(Repository, [Reported("s2")]) { Complete = true, ScanStartedAt = first.ReportedAt }, Admin)).Value!;

        Assert.Equal(1, last.Resolved);
        var resolved = Assert.Single((await Inventory.ListSightingsAsync(new SightingQuery())).Items, s => s.ResolvedAt is not null);
        Assert.Equal(FingerprintOf("s3"), resolved.Fingerprint);
    }

    [Fact]
    public async Task A_scan_start_without_complete_is_refused_and_resolves_nothing()
    {
        await Inventory.ReportSecretsAsync(new ScanReport(Repository, [Reported("s1")]), Admin);

        var refused = await Inventory.ReportSecretsAsync(
            new ScanReport(Repository, []) { ScanStartedAt = Database.Time.GetUtcNow() }, Admin);

        Assert.Equal("scanStartedAt", refused.Problem!.Field);
        Assert.All((await Inventory.ListSightingsAsync(new SightingQuery())).Items, s => Assert.Null(s.ResolvedAt));
    }

    [Fact]
    public async Task A_reported_secret_links_to_the_credential_with_its_fingerprint_and_shows_in_posture()
    {
        await Inventory.CreateOwnerAsync("team-payments", "payments@example.com", Admin);
        var identity = await CreateIdentityAsync("billing-api", "prod", "team-payments");
        var credential = (await Inventory.CreateCredentialAsync(
            new CredentialDraft(identity.Id, "deploy key", CredentialKind.ApiKey) { Secret = DeployKey }, Admin)).Value!;

        var summary = (await Inventory.ReportSecretsAsync(
            new ScanReport(Repository, [Reported(DeployKey, "deploy/prod.env", 12), Reported("not in the inventory")]), Admin)).Value!;

        var linked = Assert.Single(summary.Linked);
        Assert.Equal((credential.Id, "billing-api", "prod", "team-payments"), (linked.CredentialId, linked.Identity, linked.Environment, linked.Owner));
        var findings = (await Inventory.PostureAsync(null, null)).Value!.Where(f => f.Kind == FindingKind.HardcodedSecret).ToList();
        Assert.Equal(2, findings.Count);
        var named = Assert.Single(findings, f => f.CredentialId == credential.Id);
        Assert.Equal(("billing-api", "team-payments"), (named.IdentityName, named.Owner));
        Assert.Equal("deploy/prod.env", Assert.Single(named.Locations).Path);
        Assert.Single((await Inventory.PostureAsync("prod", null)).Value!, f => f.Kind == FindingKind.HardcodedSecret);
    }

    [Fact]
    public async Task A_report_with_one_bad_finding_is_refused_whole_and_writes_nothing()
    {
        var before = await AuditCountAsync();
        var bad = Reported("s2") with { Fingerprint = "AKIAIOSFODNN7EXAMPLE" };

        var refused = await Inventory.ReportSecretsAsync(new ScanReport(Repository, [Reported("s1"), bad]), Admin);

        Assert.Equal(ProblemKind.Invalid, refused.Problem?.Kind);
        Assert.Equal("findings[1].fingerprint", refused.Problem?.Field);
        Assert.Equal(0, await SightingCountAsync());
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task A_report_is_audited_in_the_same_transaction_with_counts_and_no_fingerprints()
    {
        await Inventory.ReportSecretsAsync(new ScanReport(Repository, [Reported("s1")]), Admin);

        var audit = (await Inventory.ListAuditAsync(0, 100, action: "scan.report")).Items.Single();
        Assert.Equal($"source/{Repository}", audit.Target);
        Assert.Contains("\"stored\":1", audit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(FingerprintOf("s1"), audit.Detail, StringComparison.Ordinal);
        Assert.True((await Inventory.VerifyAuditAsync()).Intact);
    }

    [Fact]
    public async Task Sightings_list_by_source_and_fingerprint_and_page_with_a_cursor()
    {
        await Inventory.ReportSecretsAsync(new ScanReport(Repository, [.. Enumerable.Range(1, 5).Select(i => Reported("s1", line: i))]), Admin);
        await Inventory.ReportSecretsAsync(new ScanReport("registry.acme.io/billing:1.4", [Reported("s2")]), Admin);

        var first = await Inventory.ListSightingsAsync(new SightingQuery { Source = Repository, Limit = 3 });
        var rest = await Inventory.ListSightingsAsync(new SightingQuery { Source = Repository, Limit = 3, Cursor = first.NextCursor });
        var byFingerprint = await Inventory.ListSightingsAsync(new SightingQuery { Fingerprint = FingerprintOf("s2") });

        Assert.Equal([1, 2, 3, 4, 5], first.Items.Concat(rest.Items).Select(s => s.Line).Order());
        Assert.Null(rest.NextCursor);
        Assert.Equal("registry.acme.io/billing:1.4", Assert.Single(byFingerprint.Items).Source);
    }
}
