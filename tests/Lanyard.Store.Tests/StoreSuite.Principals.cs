using Lanyard.Core;
using Lanyard.Core.Access;
using Lanyard.Store.Access;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    private PrincipalService Principals => new(Database.Store, Database.Time);

    [Fact]
    public async Task A_created_token_authenticates_its_principal_with_its_limits_and_only_its_hash_is_stored()
    {
        await Inventory.CreateOwnerAsync("team-a", null, Admin);

        var created = await Principals.CreateAsync(
            new PrincipalDraft("payments-deployer", Role.Owner) { Environments = ["dev", "staging"], Teams = ["team-a"], Lifetime = TimeSpan.FromHours(8) },
            Admin);

        Assert.True(created.Succeeded, created.Problem?.Detail);
        var token = created.Value!.Token;
        var principal = await Principals.AuthenticateAsync(token);
        Assert.NotNull(principal);
        Assert.Equal(["dev", "staging"], principal.Environments);
        Assert.Single(principal.Teams);
        Assert.Equal(Database.Time.GetUtcNow() + TimeSpan.FromHours(8), principal.ExpiresAt!.Value, TimeSpan.FromMilliseconds(1));
        await using var db = Database.Store.CreateContext();
        Assert.False(await db.Principals.AnyAsync(p => p.TokenHash == token));
    }

    [Fact]
    public async Task A_revoked_token_no_longer_authenticates_and_its_dashboard_sessions_end()
    {
        var created = (await Principals.CreateAsync(new PrincipalDraft("auditor-1", Role.Auditor), Admin)).Value!;
        var sessions = new DashboardSessions(Database.Store, Database.Time);
        var reference = await sessions.OpenAsync(created.Principal);

        var revoked = await Principals.RevokeAsync(created.Principal.Id, Admin);

        Assert.True(revoked.Succeeded);
        Assert.Null(await Principals.AuthenticateAsync(created.Token));
        Assert.Null(await sessions.ResolveAsync(reference));
    }

    [Theory]
    [InlineData("auditor-env", Role.Auditor, "dev", null, null, "environments")]
    [InlineData("owner-no-team", Role.Owner, null, null, null, "teams")]
    [InlineData("admin-team", Role.Admin, null, "team-a", null, "teams")]
    [InlineData("workload-no-identity", Role.Workload, null, null, null, "identity")]
    [InlineData("bad name!", Role.Admin, null, null, null, "name")]
    [InlineData("admin-unknown-env", Role.Admin, "moon", null, null, "environments")]
    [InlineData("owner-unknown-team", Role.Owner, null, "team-nobody", null, "teams")]
    [InlineData("admin-forever", Role.Admin, null, null, "400d", "ttl")]
    public async Task A_token_that_cannot_be_made_is_refused_naming_the_field_and_nothing_is_stored(
        string name, Role role, string? environment, string? team, string? ttl, string field)
    {
        await Inventory.CreateOwnerAsync("team-a", null, Admin);
        var before = await AuditCountAsync();
        var draft = new PrincipalDraft(name, role)
        {
            Environments = environment is null ? [] : [environment],
            Teams = team is null ? [] : [team],
            Lifetime = ttl is null ? null : Durations.TryParse(ttl, out var parsed) ? parsed : throw new ArgumentException(ttl),
        };

        var created = await Principals.CreateAsync(draft, Admin);

        Assert.False(created.Succeeded);
        Assert.Equal(field, created.Problem!.Field);
        Assert.Equal(before, await AuditCountAsync());
        await using var db = Database.Store.CreateContext();
        Assert.False(await db.Principals.AnyAsync(p => p.Name == name));
    }

    [Fact]
    public async Task A_workload_token_takes_its_identitys_environment()
    {
        var identity = await CreateIdentityAsync("orders-api", "prod");

        var created = await Principals.CreateAsync(new PrincipalDraft("orders-api-token", Role.Workload) { Identity = identity.Id.Value }, Admin);

        Assert.True(created.Succeeded, created.Problem?.Detail);
        Assert.Equal(["prod"], created.Value!.Principal.Environments);
        Assert.Equal(identity.Id, created.Value.Principal.IdentityId);
    }
}
