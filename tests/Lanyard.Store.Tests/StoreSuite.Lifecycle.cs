using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Store.Issuance;
using Lanyard.Store.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    private CredentialRotator Rotator => new(Database.Store, Database.Sealer, Database.Time);

    private LifecycleSweeper Sweeper(SigningKeyStore keys, int batchSize = LifecycleSweeper.DefaultBatchSize) =>
        new(Database.Store, Rotator, keys, Database.Time) { BatchSize = batchSize };

    [Fact]
    public async Task A_rotated_key_and_its_successor_both_work_until_the_overlap_window_ends()
    {
        var identity = await CreateIdentityAsync("ledger", "prod");
        var issued = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(30), Admin)).Value!;

        var rotated = await Rotator.RotateAsync(issued.Credential.Id, null, Admin);
        Database.Time.Advance(TimeSpan.FromHours(23));
        var oldDuringOverlap = await Workloads().AuthenticateApiKeyAsync(issued.Secret, null);
        var newDuringOverlap = await Workloads().AuthenticateApiKeyAsync(rotated.Value!.Secret, null);
        Database.Time.Advance(TimeSpan.FromHours(1));
        var oldAfterOverlap = await Workloads().AuthenticateApiKeyAsync(issued.Secret, null);

        Assert.True(oldDuringOverlap.Succeeded);
        Assert.True(newDuringOverlap.Succeeded);
        Assert.Equal("the credential was rotated and its overlap window has ended", oldAfterOverlap.Problem!.Detail);
        await using var db = Database.Store.CreateContext();
        var predecessor = await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == issued.Credential.Id);
        var successor = await db.Credentials.AsNoTracking().SingleAsync(c => c.RotatedFromId == issued.Credential.Id);
        Assert.Equal(successor.Id, predecessor.SupersededById);
        Assert.Equal(TimeSpan.FromDays(30), successor.ExpiresAt - successor.CreatedAt);
        Assert.NotNull(predecessor.LastRotatedAt);
        Assert.Null(successor.SealedValue);
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "credential.rotate" && a.Target == $"credential/{predecessor.Id}"));
    }

    [Fact]
    public async Task Rotating_a_credential_twice_is_a_conflict_and_writes_nothing()
    {
        var identity = await CreateIdentityAsync("ledger");
        var issued = (await Issuer.IssueApiKeyAsync(identity.Id, null, Admin)).Value!;
        await Rotator.RotateAsync(issued.Credential.Id, TimeSpan.FromHours(1), Admin);
        var before = await AuditCountAsync();

        var again = await Rotator.RotateAsync(issued.Credential.Id, null, Admin);
        var tooLong = await Rotator.RotateAsync(issued.Credential.Id, TimeSpan.FromDays(31), Admin);

        Assert.Equal(ProblemKind.Conflict, again.Problem!.Kind);
        Assert.Contains("already rotated", again.Problem.Detail, StringComparison.Ordinal);
        Assert.Equal("overlap", tooLong.Problem!.Field);
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task The_database_refuses_a_second_successor_of_one_credential()
    {
        var identity = await CreateIdentityAsync("ledger");
        var issued = (await Issuer.IssueApiKeyAsync(identity.Id, null, Admin)).Value!;
        var rotated = (await Rotator.RotateAsync(issued.Credential.Id, null, Admin)).Value!;

        await using var db = Database.Store.CreateContext();
        db.Credentials.Add(new Credential
        {
            Environment = "dev", Name = "forged successor", Source = CredentialSource.Issued,
            RotatedFromId = issued.Credential.Id, CreatedAt = Database.Time.GetUtcNow(),
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(issued.Credential.Id, rotated.Successor.RotatedFromId);
    }

    [Fact]
    public async Task Two_workers_sweeping_at_once_rotate_each_due_credential_exactly_once()
    {
        var identity = await CreateIdentityAsync("fleet", "staging");
        var issued = new List<CredentialId>();
        for (var i = 0; i < 24; i++)
        {
            issued.Add((await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(200), Admin)).Value!.Credential.Id);
        }

        Database.Time.Advance(TimeSpan.FromDays(91));
        using var keys = new SigningKeyStore(Database.Store, Database.Sealer, Database.Time);
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Sweeper(keys, batchSize: 10).SweepAsync())));
        var rotated = sweeps.Sum(s => s.Rotated);
        SweepResult next;
        do
        {
            next = await Sweeper(keys, batchSize: 10).SweepAsync();
            rotated += next.Rotated;
        }
        while (next.More);

        await using var db = Database.Store.CreateContext();
        var successors = await db.Credentials.AsNoTracking().Where(c => c.RotatedFromId != null).ToListAsync();
        Assert.Equal(issued.Order(), successors.Select(s => s.RotatedFromId!.Value).Order());
        Assert.All(successors, s => Assert.NotNull(s.SealedValue));
        Assert.Equal(24, await db.AuditEvents.CountAsync(a => a.Action == "credential.rotate"));
        Assert.Equal(24, rotated);
        var revealed = await Inventory.RevealSecretAsync(successors[0].Id, Admin);
        Assert.Equal(successors[0].Id, (await Workloads().AuthenticateApiKeyAsync(revealed.Value!, null)).Value!.Credential!.Id);
    }

    [Fact]
    public async Task A_sweep_revokes_predecessors_whose_window_ended_and_marks_expired_credentials()
    {
        var identity = await CreateIdentityAsync("batch");
        var rotatedKey = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(30), Admin)).Value!;
        var shortKey = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromHours(2), Admin)).Value!;
        await Rotator.RotateAsync(rotatedKey.Credential.Id, TimeSpan.FromHours(6), Admin);
        using var keys = new SigningKeyStore(Database.Store, Database.Sealer, Database.Time);

        Database.Time.Advance(TimeSpan.FromHours(3));
        var first = await Sweeper(keys).SweepAsync();
        Database.Time.Advance(TimeSpan.FromHours(3));
        var second = await Sweeper(keys).SweepAsync();
        var third = await Sweeper(keys).SweepAsync();

        Assert.Equal((0, 1), (first.Retired, first.Expired));
        Assert.Equal((1, 0), (second.Retired, second.Expired));
        Assert.Equal(0, third.Total);
        await using var db = Database.Store.CreateContext();
        var states = await db.Credentials.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.State);
        Assert.Equal(CredentialState.Revoked, states[rotatedKey.Credential.Id]);
        Assert.Equal(CredentialState.Expired, states[shortKey.Credential.Id]);
        Assert.Equal(["credential.retire"], await db.AuditEvents
            .Where(a => a.Target == $"credential/{rotatedKey.Credential.Id}" && a.Actor == "system").Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Signing_keys_roll_over_published_a_day_ahead_and_kept_until_their_tokens_expired()
    {
        using var keys = new SigningKeyStore(Database.Store, Database.Sealer, Database.Time);
        var first = await keys.GetActiveAsync("prod");

        Database.Time.Advance(TimeSpan.FromDays(28));
        var early = await Sweeper(keys).SweepAsync();
        Database.Time.Advance(TimeSpan.FromDays(1));
        var scheduled = await Sweeper(keys).SweepAsync();
        var again = await Sweeper(keys).SweepAsync();
        var publishedAhead = await keys.GetPublishedAsync("prod", refresh: true);
        var signerBefore = await keys.GetActiveAsync("prod");
        Database.Time.Advance(TimeSpan.FromDays(1));
        var signerAfter = await keys.GetActiveAsync("prod");
        Database.Time.Advance(TimeSpan.FromHours(23));
        var publishedRetiring = await keys.GetPublishedAsync("prod", refresh: true);
        Database.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var publishedLater = await keys.GetPublishedAsync("prod", refresh: true);

        Assert.Equal((0, 1, 0), (early.SigningKeysScheduled, scheduled.SigningKeysScheduled, again.SigningKeysScheduled));
        Assert.Equal(2, publishedAhead.Count);
        Assert.Equal(first.Kid, signerBefore.Kid);
        Assert.NotEqual(first.Kid, signerAfter.Kid);
        Assert.Contains(publishedAhead, k => k.Kid == signerAfter.Kid);
        Assert.Equal(2, publishedRetiring.Count);
        Assert.Equal([signerAfter.Kid], publishedLater.Select(k => k.Kid));
    }
}
