using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Core.Posture;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    private static DiscoveryBatch ClusterExport(params string[] secrets) => new(
        "kubernetes",
        [new DiscoveredIdentity("kubernetes/serviceaccount/ci/deploy-bot", "ci/deploy-bot", "/ns/ci/sa/deploy-bot", "ServiceAccount ci/deploy-bot")
            { Class = IdentityClass.Machine, OwnerStated = true, CreatedAt = DateTimeOffset.Parse("2026-01-01T00:00:00Z") }],
        secrets.Select(name => new DiscoveredCredential($"kubernetes/secret/ci/{name}/password", $"Secret ci/{name} key password",
            CredentialKind.Secret, $"Secret ci/{name}")
        {
            OwnerStated = true,
            OwnerName = "team-ci",
            Fingerprint = new string('a', 63) + name.Length % 10,
            CreatedAt = DateTimeOffset.Parse("2026-01-01T00:00:00Z"),
            UsageTracked = false,
        }).ToList(),
        ["kubernetes/"]);

    [Fact]
    public async Task Importing_the_same_export_twice_changes_nothing_the_second_time()
    {
        var first = await Inventory.ImportAsync("dev", ClusterExport("db", "cache"), Admin);
        var second = await Inventory.ImportAsync("dev", ClusterExport("db", "cache"), Admin);

        Assert.Equal(2, first.Value!.CredentialsAdded);
        Assert.Equal(1, first.Value.OwnersAdded);
        Assert.Equal((0, 0, 0, 0), (second.Value!.CredentialsAdded, second.Value.CredentialsChanged, second.Value.IdentitiesAdded, second.Value.OwnersAdded));
    }

    [Fact]
    public async Task An_item_missing_from_a_newer_export_is_marked_gone_not_deleted()
    {
        await Inventory.ImportAsync("dev", ClusterExport("db", "cache"), Admin);

        var newer = await Inventory.ImportAsync("dev", ClusterExport("db"), Admin);

        Assert.Equal(1, newer.Value!.CredentialsGone);
        var credentials = (await Inventory.ListCredentialsAsync(new Inventory.ListQuery { Environment = "dev" })).Value!.Items;
        Assert.Equal(CredentialState.Gone, credentials.Single(c => c.Name.Contains("cache", StringComparison.Ordinal)).State);
        Assert.Equal(2, credentials.Count);
    }

    [Fact]
    public async Task Posture_reads_the_imported_inventory_and_reports_the_orphan()
    {
        await Inventory.ImportAsync("dev", ClusterExport("db"), Admin);

        var findings = (await Inventory.PostureAsync("dev", null)).Value!;

        var orphan = Assert.Single(findings);
        Assert.Equal(FindingKind.Orphaned, orphan.Kind);
        Assert.Equal("ci/deploy-bot", orphan.IdentityName);
    }

    [Fact]
    public async Task An_owner_assigned_in_lanyard_survives_a_reimport_that_states_no_owner()
    {
        await Inventory.ImportAsync("dev", ClusterExport("db"), Admin);
        await Inventory.CreateOwnerAsync("team-release", null, Admin);
        var bot = (await Inventory.ListIdentitiesAsync(new Inventory.ListQuery { Text = "deploy-bot" })).Value!.Items.Single();
        await Inventory.UpdateIdentityAsync(bot.Id, new Inventory.IdentityPatch("team-release"), Admin);

        var again = await Inventory.ImportAsync("dev", ClusterExport("db"), Admin);

        Assert.Equal(0, again.Value!.IdentitiesChanged);
        Assert.NotNull((await Inventory.GetIdentityAsync(bot.Id)).Value!.OwnerId);
        Assert.Empty((await Inventory.PostureAsync("dev", null)).Value!);
    }

    [Fact]
    public async Task A_newer_export_stores_what_changed_and_keeps_the_rest()
    {
        var used = DateTimeOffset.Parse("2026-11-10T08:30:00Z");
        await Inventory.ImportAsync("dev", ClusterExport("db", "cache"), Admin);
        var newer = ClusterExport("db", "cache");
        newer = newer with
        {
            Credentials = [.. newer.Credentials.Select(c => c.Name.Contains("cache", StringComparison.Ordinal)
                ? c with { Fingerprint = new string('b', 64), LastUsedAt = used, UsageTracked = true }
                : c)],
        };

        var again = await Inventory.ImportAsync("dev", newer, Admin);

        Assert.Equal((1, 0, 0), (again.Value!.CredentialsChanged, again.Value.CredentialsAdded, again.Value.IdentitiesChanged));
        var credentials = (await Inventory.ListCredentialsAsync(new Inventory.ListQuery { Environment = "dev" })).Value!.Items;
        var cache = credentials.Single(c => c.Name.Contains("cache", StringComparison.Ordinal));
        var db = credentials.Single(c => c.Name.Contains("db", StringComparison.Ordinal));
        Assert.Equal((new string('b', 64), used, true), (cache.Fingerprint, cache.LastUsedAt, cache.UsageTracked));
        Assert.Equal((CredentialState.Active, "Secret ci/cache", cache.OwnerId), (cache.State, cache.Origin, db.OwnerId));
        Assert.NotNull(cache.OwnerId);
        Assert.Null(db.LastUsedAt);
    }
}
