using Lanyard.Core.Audit;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    [Fact]
    public async Task Every_write_appends_an_event_that_links_to_its_predecessor()
    {
        await Inventory.CreateOwnerAsync("team-a", null, Admin);
        await CreateIdentityAsync("svc", owner: "team-a");

        var events = (await Inventory.ListAuditAsync(0, 100)).Items;

        Assert.Equal(["environment.create", "environment.create", "environment.create", "owner.create", "identity.create"],
            events.Select(e => e.Action));
        Assert.Equal(AuditChain.GenesisHash, events[0].PreviousHash);
        Assert.All(events.Skip(1).Zip(events), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.Equal("test-admin", events[^1].Actor);
        Assert.True((await Inventory.VerifyAuditAsync()).Intact);
    }

    [Fact]
    public async Task Concurrent_writes_keep_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Inventory.CreateIdentityAsync(new IdentityDraft($"parallel-{i}", "dev"), Admin)));

        var verification = await Inventory.VerifyAuditAsync();

        Assert.True(verification.Intact, verification.Break?.Reason);
        Assert.Equal(27, verification.EventsChecked);
    }

    [Fact]
    public async Task Writes_committed_together_keep_one_chain_and_a_failing_write_fails_only_its_caller()
    {
        await using var commits = new AuditCommitter(Database.Store, Database.Time);

        // "dev" exists already, so this change breaks its batch's transaction.
        var clash = commits.RecordAsync(new AuditEntry(Admin, "test.clash", "environment/dev"),
            db => db.Environments.Add(new DeploymentEnvironment { Name = "dev", TrustDomain = "dev.example" }));
        var writes = Enumerable.Range(0, 60)
            .Select(i => commits.RecordAsync(new AuditEntry(Admin, "test.grouped", $"item/{i}")))
            .Append(clash).ToList();
        await Task.WhenAll(writes.Select(async w => await Record.ExceptionAsync(() => w)));

        Assert.NotNull(await Record.ExceptionAsync(() => clash));
        var verification = await Inventory.VerifyAuditAsync();
        Assert.True(verification.Intact, verification.Break?.Reason);
        Assert.Equal(3 + 60, verification.EventsChecked);
        var targets = (await Inventory.ListAuditAsync(0, 100, action: "test.")).Items.Select(e => e.Target).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"item/{i}").ToHashSet(), targets);
    }

    [Fact]
    public async Task Verify_names_an_event_whose_row_was_edited()
    {
        await CreateIdentityAsync("svc");
        await CreateIdentityAsync("svc-2");

        await using (var db = Database.Store.CreateContext())
        {
            await db.AuditEvents.Where(a => a.Sequence == 4).ExecuteUpdateAsync(s => s.SetProperty(a => a.Actor, "someone-else"));
        }

        var verification = await Inventory.VerifyAuditAsync();
        Assert.Equal(4, verification.Break?.Sequence);
        Assert.Contains("changed", verification.Break!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_the_gap_where_an_event_was_removed()
    {
        await CreateIdentityAsync("svc");
        await CreateIdentityAsync("svc-2");

        await using (var db = Database.Store.CreateContext())
        {
            await db.AuditEvents.Where(a => a.Sequence == 2).ExecuteDeleteAsync();
        }

        Assert.Equal(2, (await Inventory.VerifyAuditAsync()).Break?.Sequence);
    }

    [Fact]
    public async Task Verify_notices_when_the_newest_events_were_removed()
    {
        await CreateIdentityAsync("svc");

        await using (var db = Database.Store.CreateContext())
        {
            await db.AuditEvents.Where(a => a.Sequence == 4).ExecuteDeleteAsync();
        }

        var verification = await Inventory.VerifyAuditAsync();
        Assert.Equal(4, verification.Break?.Sequence);
    }

    [Fact]
    public async Task Verify_notices_two_events_swapped()
    {
        await CreateIdentityAsync("svc");
        await CreateIdentityAsync("svc-2");

        await using (var db = Database.Store.CreateContext())
        {
            var four = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.Sequence == 4);
            var five = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.Sequence == 5);
            await db.AuditEvents.Where(a => a.Sequence == 4).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Target, five.Target).SetProperty(a => a.Detail, five.Detail)
                .SetProperty(a => a.Hash, five.Hash).SetProperty(a => a.PreviousHash, five.PreviousHash));
            await db.AuditEvents.Where(a => a.Sequence == 5).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Target, four.Target).SetProperty(a => a.Detail, four.Detail)
                .SetProperty(a => a.Hash, four.Hash).SetProperty(a => a.PreviousHash, four.PreviousHash));
        }

        Assert.Equal(4, (await Inventory.VerifyAuditAsync()).Break?.Sequence);
    }
}
