using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;
using Lanyard.Store.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

/// <summary>
/// The store's behaviour, run once on SQLite and once on a real PostgreSQL server through the
/// subclasses at the bottom of this folder.
/// </summary>
public abstract partial class StoreSuite<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    protected static readonly Actor Admin = new("test-admin", Core.Access.Role.Admin);

    protected TDatabase Database { get; } = new();

    protected InventoryService Inventory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Inventory = new InventoryService(Database.Store, Database.Sealer, Database.Time);
        await Inventory.EnsureDefaultEnvironmentsAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    protected async Task<Identity> CreateIdentityAsync(string name, string environment = "dev", string? owner = null)
    {
        var created = await Inventory.CreateIdentityAsync(new IdentityDraft(name, environment, owner), Admin);
        Assert.True(created.Succeeded, created.Problem?.Detail);
        return created.Value!;
    }

    protected async Task<long> AuditCountAsync()
    {
        await using var db = Database.Store.CreateContext();
        return await db.AuditEvents.LongCountAsync();
    }

    [Fact]
    public async Task First_start_creates_dev_staging_and_prod_with_their_own_trust_domains()
    {
        var environments = await Inventory.ListEnvironmentsAsync();

        Assert.Equal(["dev", "prod", "staging"], environments.Select(e => e.Name));
        Assert.Equal("prod.lanyard.internal", environments.Single(e => e.Name == "prod").TrustDomain);
    }

    [Fact]
    public async Task Creating_an_identity_gives_it_a_spiffe_id_in_its_environments_trust_domain()
    {
        await Inventory.CreateOwnerAsync("team-payments", "payments@example.com", Admin);

        var identity = await CreateIdentityAsync("billing-api", "prod", "team-payments");

        Assert.Equal("spiffe://prod.lanyard.internal/billing-api", identity.SpiffeId);
        Assert.NotNull(identity.OwnerId);
    }

    [Fact]
    public async Task A_duplicate_owner_is_a_conflict_and_writes_nothing()
    {
        await Inventory.CreateOwnerAsync("team-data", null, Admin);
        var before = await AuditCountAsync();

        var duplicate = await Inventory.CreateOwnerAsync("team-data", null, Admin);

        Assert.Equal(ProblemKind.Conflict, duplicate.Problem?.Kind);
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task An_identity_in_an_unknown_environment_is_not_found_and_writes_nothing()
    {
        var before = await AuditCountAsync();

        var created = await Inventory.CreateIdentityAsync(new IdentityDraft("svc", "qa"), Admin);

        Assert.Equal(ProblemKind.NotFound, created.Problem?.Kind);
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task An_owner_can_be_assigned_changed_and_cleared()
    {
        await Inventory.CreateOwnerAsync("team-a", null, Admin);
        var teamB = (await Inventory.CreateOwnerAsync("team-b", null, Admin)).Value!;
        var identity = await CreateIdentityAsync("worker", owner: "team-a");

        var moved = await Inventory.UpdateIdentityAsync(identity.Id, new IdentityPatch("team-b"), Admin);
        var cleared = await Inventory.UpdateIdentityAsync(identity.Id, new IdentityPatch(ClearOwner: true), Admin);

        Assert.Equal(teamB.Id, moved.Value!.OwnerId);
        Assert.Null(cleared.Value!.OwnerId);
    }

    [Fact]
    public async Task Listing_with_a_cursor_returns_every_identity_exactly_once()
    {
        var names = Enumerable.Range(0, 25).Select(i => $"svc-{i:D2}").ToList();
        foreach (var name in names)
        {
            await CreateIdentityAsync(name);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await Inventory.ListIdentitiesAsync(new ListQuery { Limit = 10, Cursor = cursor })).Value!;
            seen.AddRange(page.Items.Select(i => i.Name));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(names.Order(), seen.Order());
    }

    [Fact]
    public async Task Credentials_filter_by_environment_owner_kind_state_and_text()
    {
        await Inventory.CreateOwnerAsync("team-a", null, Admin);
        var owned = await CreateIdentityAsync("owned", "prod", "team-a");
        var other = await CreateIdentityAsync("other", "dev");
        await Inventory.CreateCredentialAsync(new CredentialDraft(owned.Id, "deploy key", CredentialKind.PrivateKey), Admin);
        await Inventory.CreateCredentialAsync(new CredentialDraft(owned.Id, "db password", CredentialKind.Secret), Admin);
        var revoked = (await Inventory.CreateCredentialAsync(new CredentialDraft(other.Id, "old DB password", CredentialKind.Secret), Admin)).Value!;
        await Inventory.UpdateCredentialAsync(revoked.Id, new CredentialPatch(CredentialState.Revoked), Admin);

        async Task<IEnumerable<string>> Names(ListQuery query) => (await Inventory.ListCredentialsAsync(query)).Value!.Items.Select(c => c.Name).Order();

        Assert.Equal(["db password", "deploy key"], await Names(new ListQuery { Owner = "team-a" }));
        Assert.Equal(["old DB password"], await Names(new ListQuery { Environment = "dev" }));
        Assert.Equal(["db password", "old DB password"], await Names(new ListQuery { Kind = CredentialKind.Secret }));
        Assert.Equal(["old DB password"], await Names(new ListQuery { State = CredentialState.Revoked }));
        Assert.Equal(["db password", "old DB password"], await Names(new ListQuery { Text = "DB PASS" }));
    }

    [Fact]
    public async Task A_revoked_credential_cannot_be_made_active_again()
    {
        var identity = await CreateIdentityAsync("svc");
        var credential = (await Inventory.CreateCredentialAsync(new CredentialDraft(identity.Id, "key", CredentialKind.ApiKey), Admin)).Value!;
        await Inventory.UpdateCredentialAsync(credential.Id, new CredentialPatch(CredentialState.Revoked), Admin);

        var reactivated = await Inventory.UpdateCredentialAsync(credential.Id, new CredentialPatch(CredentialState.Active), Admin);

        Assert.Equal(ProblemKind.Conflict, reactivated.Problem?.Kind);
    }
}
