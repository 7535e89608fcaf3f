using Lanyard.Core.Inventory;
using Lanyard.Store.Inventory;
using Lanyard.Store.Issuance;
using Lanyard.Store.Policy;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    private PolicyStore Policies => new(Database.Store, Database.Time);

    [Fact]
    public async Task The_lifecycle_worker_rotates_each_kind_at_its_policys_age_and_leaves_forbidden_kinds_alone()
    {
        var identity = await CreateIdentityAsync("billing", "staging");
        var key = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(30), Admin)).Value!.Credential;
        var client = (await Issuer.CreateClientAsync(new ClientDraft(identity.Id) { SecretLifetime = TimeSpan.FromDays(30) }, Admin))
            .Value!.SecretCredential!;
        var applied = await Policies.ApplyAsync("staging", """
            environment: staging
            rotate-after: 20d
            credentials:
              api-key: { allowed: false }
              client-secret: { rotate-after: 3d, overlap: 6h }
            """, Admin);
        Assert.True(applied.Succeeded, applied.Problem?.Detail);

        Database.Time.Advance(TimeSpan.FromDays(4));
        using var keys = new SigningKeyStore(Database.Store, Database.Sealer, Database.Time);
        var sweep = await Sweeper(keys).SweepAsync();

        await using var db = Database.Store.CreateContext();
        var rotated = await db.Credentials.AsNoTracking().Where(c => c.RotatedFromId != null).Select(c => c.RotatedFromId).ToListAsync();
        Assert.Equal([client.Id], rotated.Select(r => r!.Value));
        Assert.Equal(1, sweep.Rotated);
        var predecessor = await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == client.Id);
        Assert.Equal(Database.Time.GetUtcNow().AddHours(6), predecessor.RetiresAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Null((await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == key.Id)).SupersededById);
        var staging = await db.Environments.AsNoTracking().SingleAsync(e => e.Name == "staging");
        Assert.Equal(20, staging.RotateAfterDays);
    }

    [Fact]
    public async Task An_invalid_policy_or_one_for_another_environment_stores_nothing_and_audits_nothing()
    {
        var before = await AuditCountAsync();

        var invalid = await Policies.ApplyAsync("prod", "environment: prod\nstale-after: soon\n", Admin);
        var elsewhere = await Policies.ApplyAsync("prod", "environment: dev\n", Admin);

        Assert.Equal(Core.ProblemKind.Invalid, invalid.Problem?.Kind);
        Assert.Contains("2:14", invalid.Problem!.Detail, StringComparison.Ordinal);
        Assert.Equal("environment", elsewhere.Problem?.Field);
        Assert.Equal(before, await AuditCountAsync());
        await using var db = Database.Store.CreateContext();
        Assert.False(await db.PolicyVersions.AnyAsync());
    }

    [Fact]
    public async Task A_secret_registered_in_one_environment_is_refused_in_another_and_the_refusal_audited()
    {
        var devIdentity = await CreateIdentityAsync("reports", "dev");
        var prodIdentity = await CreateIdentityAsync("reports", "prod");
        await Inventory.CreateCredentialAsync(new CredentialDraft(devIdentity.Id, "db password", CredentialKind.Secret) { Secret = "same-value-9f2" }, Admin);

        var refused = await Inventory.CreateCredentialAsync(
            new CredentialDraft(prodIdentity.Id, "db password", CredentialKind.Secret) { Secret = "same-value-9f2" }, Admin);

        Assert.Equal(Core.ProblemKind.Forbidden, refused.Problem?.Kind);
        Assert.Contains("environment 'dev'", refused.Problem!.Detail, StringComparison.Ordinal);
        await using var db = Database.Store.CreateContext();
        Assert.Equal(1, await db.Credentials.CountAsync(c => c.Name == "db password"));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "credential.create" && a.Outcome == Core.Audit.AuditOutcome.Refused));
    }
}
