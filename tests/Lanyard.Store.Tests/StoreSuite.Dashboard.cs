using Lanyard.Core.Access;
using Lanyard.Core.Inventory;
using Lanyard.Store.Access;
using Lanyard.Store.Inventory;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    [Theory]
    [InlineData(CredentialSort.Name)]
    [InlineData(CredentialSort.Expires)]
    [InlineData(CredentialSort.Environment)]
    [InlineData(CredentialSort.Updated)]
    public async Task Keyset_pages_list_every_credential_once_in_the_sort_order(CredentialSort sort)
    {
        var dev = await CreateIdentityAsync("dev-svc", "dev");
        var prod = await CreateIdentityAsync("prod-svc", "prod");
        var now = Database.Time.GetUtcNow();
        for (var i = 0; i < 11; i++)
        {
            // Repeated names and expiry dates, and some without expiry, so ties and the undated tail are paged too.
            var draft = new CredentialDraft(i % 2 == 0 ? dev.Id : prod.Id, $"key-{i % 4}", CredentialKind.Secret)
            {
                ExpiresAt = i % 3 == 0 ? null : now.AddDays(i % 5),
            };
            Assert.True((await Inventory.CreateCredentialAsync(draft, Admin)).Succeeded);
            Database.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var pages = new List<BrowsePage<CredentialRow>>();
        string? cursor = null;
        do
        {
            var page = (await Inventory.BrowseCredentialsAsync(new CredentialBrowse { Sort = sort, Cursor = cursor, Limit = 3 })).Value!;
            Assert.Equal(11, page.Total);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var seen = pages.SelectMany(p => p.Items).ToList();
        Assert.Null(pages[0].PreviousCursor);

        // Walking back from the last page by "previous" links shows the same pages in reverse.
        var back = pages[^1];
        for (var i = pages.Count - 2; i >= 0; i--)
        {
            back = (await Inventory.BrowseCredentialsAsync(
                new CredentialBrowse { Sort = sort, Cursor = back.PreviousCursor, Backward = true, Limit = 3 })).Value!;
            Assert.Equal(pages[i].Items.Select(c => c.Id), back.Items.Select(c => c.Id));
            Assert.Equal(pages[i].NextCursor, back.NextCursor);
        }

        Assert.Null(back.PreviousCursor);

        Assert.Equal(11, seen.Select(c => c.Id).Distinct().Count());
        IEnumerable<CredentialRow> expected = sort switch
        {
            CredentialSort.Expires => seen.OrderBy(c => c.ExpiresAt is null).ThenBy(c => c.ExpiresAt).ThenBy(c => c.Id),
            CredentialSort.Environment => seen.OrderBy(c => c.Environment, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id),
            CredentialSort.Updated => seen.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
            _ => seen.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id),
        };
        Assert.Equal(expected.Select(c => c.Id), seen.Select(c => c.Id));
    }

    [Fact]
    public async Task Identity_pages_lead_back_by_previous_links_to_the_first_page()
    {
        for (var i = 0; i < 7; i++)
        {
            await CreateIdentityAsync($"svc-{i % 3}-{i}", i % 2 == 0 ? "dev" : "prod");
        }

        var first = (await Inventory.BrowseIdentitiesAsync(new IdentityBrowse { Limit = 3 })).Value!;
        var second = (await Inventory.BrowseIdentitiesAsync(new IdentityBrowse { Cursor = first.NextCursor, Limit = 3 })).Value!;
        var third = (await Inventory.BrowseIdentitiesAsync(new IdentityBrowse { Cursor = second.NextCursor, Limit = 3 })).Value!;
        Assert.Single(third.Items);
        Assert.Null(third.NextCursor);

        var backToSecond = (await Inventory.BrowseIdentitiesAsync(
            new IdentityBrowse { Cursor = third.PreviousCursor, Backward = true, Limit = 3 })).Value!;
        var backToFirst = (await Inventory.BrowseIdentitiesAsync(
            new IdentityBrowse { Cursor = backToSecond.PreviousCursor, Backward = true, Limit = 3 })).Value!;

        Assert.Equal(second.Items.Select(i => i.Id), backToSecond.Items.Select(i => i.Id));
        Assert.Equal(first.Items.Select(i => i.Id), backToFirst.Items.Select(i => i.Id));
        Assert.Null(backToFirst.PreviousCursor);
        Assert.Equal(first.NextCursor, backToFirst.NextCursor);
    }

    [Fact]
    public async Task A_page_position_the_list_did_not_hand_out_is_refused()
    {
        var page = await Inventory.BrowseCredentialsAsync(new CredentialBrowse { Cursor = "not-a-position" });

        Assert.False(page.Succeeded);
        Assert.Equal("cursor", page.Problem!.Field);
    }

    [Fact]
    public async Task A_dashboard_session_ends_when_closed_or_when_its_principal_is_revoked()
    {
        var sessions = new DashboardSessions(Database.Store, Database.Time);
        var principal = new Principal { Name = "reader", Role = Role.Auditor, TokenHash = AccessTokens.Hash(AccessTokens.Generate()) };
        await using (var db = Database.Store.CreateContext())
        {
            db.Principals.Add(principal);
            await db.SaveChangesAsync();
        }

        var closed = await sessions.OpenAsync(principal);
        var revoked = await sessions.OpenAsync(principal);
        Assert.Equal("reader", (await sessions.ResolveAsync(closed))?.Name);
        Assert.Null(await sessions.ResolveAsync("made-up-reference"));

        await sessions.CloseAsync(closed);
        Assert.Null(await sessions.ResolveAsync(closed));
        Assert.NotNull(await sessions.ResolveAsync(revoked));

        await using (var db = Database.Store.CreateContext())
        {
            db.Principals.Single(p => p.Id == principal.Id).RevokedAt = Database.Time.GetUtcNow();
            await db.SaveChangesAsync();
        }

        Assert.Null(await sessions.ResolveAsync(revoked));
    }

    [Fact]
    public async Task An_idle_dashboard_session_ends()
    {
        var sessions = new DashboardSessions(Database.Store, Database.Time);
        var principal = new Principal { Name = "idle", Role = Role.Admin, TokenHash = AccessTokens.Hash(AccessTokens.Generate()) };
        await using (var db = Database.Store.CreateContext())
        {
            db.Principals.Add(principal);
            await db.SaveChangesAsync();
        }

        var reference = await sessions.OpenAsync(principal);
        Database.Time.Advance(DashboardSessions.IdleTimeout + TimeSpan.FromMinutes(1));

        Assert.Null(await sessions.ResolveAsync(reference));
    }
}
