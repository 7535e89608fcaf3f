using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lanyard.Core.Access;
using Lanyard.Core.Inventory;
using Lanyard.Server.Dashboard;
using Lanyard.Server.Dashboard.Pages;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lanyard.Dashboard.Tests;

/// <summary>The dashboard in a real browser: sign-in, inventory, identity, revoke, keyboard use.</summary>
public sealed class DashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Sign_in_exchanges_the_token_for_a_session_cookie_that_does_not_hold_it()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/inventory?environment=prod");
        Assert.Contains("/signin?returnUrl=", page.Url);
        await fixture.ScreenshotAsync(page, "signin");

        await page.GetByLabel("Lanyard token").FillAsync(fixture.Server.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/inventory?environment=prod");
        var cookies = await page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "__Host-lanyard-session");
        Assert.True(session.HttpOnly);
        Assert.True(session.Secure);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.DoesNotContain(cookies, c => c.Value.Contains(fixture.Server.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Server.Token, page.Url, StringComparison.Ordinal);
        Assert.Contains(cookies, c => c.Name == "__Host-lanyard-antiforgery");
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_a_message_and_no_session()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Lanyard token").FillAsync("lnyt_not_a_real_token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("That token is unknown, expired or revoked.");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "__Host-lanyard-session");
        await page.GotoAsync("/");
        Assert.Contains("/signin", page.Url);
    }

    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server()
    {
        var page = await fixture.SignedInPageAsync();
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "__Host-lanyard-session");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin");

        // Replaying the old cookie in a new browser gets the sign-in page, not the dashboard.
        var replay = await fixture.NewPageAsync();
        await replay.Context.AddCookiesAsync([new Cookie { Name = session.Name, Value = session.Value, Url = fixture.Server.Address.ToString(), Secure = true }]);
        await replay.GotoAsync("/owners");
        Assert.Contains("/signin", replay.Url);
    }

    [Fact]
    public async Task Overview_counts_the_estate_and_charts_what_expires()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/");
        await fixture.ScreenshotAsync(page, "overview");

        var expiry = page.Locator("#expiry-table");
        var prod = expiry.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "prod" }) });
        // payments db password (20 days), tls certificate (45 days), API key (80 days).
        await Assertions.Expect(prod.GetByRole(AriaRole.Cell)).ToHaveTextAsync(["1", "1", "1", "3"]);
        await Assertions.Expect(page.Locator("svg.chart rect.b30")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Active credentials expiring" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "expired" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Filtering_the_inventory_narrows_the_list_and_pages_through_it_and_back()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/inventory");
        await page.GetByLabel("Environment").SelectOptionAsync("prod");
        await page.GetByLabel("Owner").SelectOptionAsync("team-platform");
        await page.GetByLabel("Search names").FillAsync("batch export");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{DashboardFixture.BatchSize} credentials match, showing 50");
        await fixture.ScreenshotAsync(page, "inventory");
        var firstPage = await page.Locator("table.list tbody th").AllInnerTextsAsync();
        Assert.Equal(50, firstPage.Count);
        Assert.Equal(firstPage.Order(StringComparer.Ordinal), firstPage);

        // Each click navigates; the assertions that retry wait for the new page before rows are read.
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.list tbody th")).ToHaveCountAsync(DashboardFixture.BatchSize - 50);
        var secondPage = await page.Locator("table.list tbody th").AllInnerTextsAsync();
        Assert.Empty(firstPage.Intersect(secondPage));
        Assert.True(string.CompareOrdinal(firstPage[^1], secondPage[0]) < 0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.list tbody th")).ToHaveTextAsync(firstPage.ToArray());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(1);

        // The filters stay in the form and in the address, so the page can be shared.
        await Assertions.Expect(page.GetByLabel("Environment")).ToHaveValueAsync("prod");
        Assert.Contains("owner=team-platform", page.Url);
    }

    [Fact]
    public async Task Sorting_by_expiry_lists_the_soonest_first()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/inventory");
        await page.GetByLabel("Sort by").SelectOptionAsync("expires");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("sort=expires"));

        var names = await page.Locator("table.list tbody th").AllInnerTextsAsync();
        Assert.Equal(["deploy token", "payments db password", "payments tls certificate"], names.Take(3));
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Expires" })).ToHaveAttributeAsync("aria-sort", "ascending");
    }

    [Fact]
    public async Task Identity_page_shows_owner_spiffe_id_credentials_and_events_but_never_a_secret()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/inventory?view=identities");
        await page.GetByRole(AriaRole.Link, new() { Name = "payments-api", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("payments-api");
        await Assertions.Expect(page.Locator(".facts").First).ToContainTextAsync("team-payments");
        await Assertions.Expect(page.Locator(".facts").First).ToContainTextAsync(fixture.PaymentsApi.SpiffeId);
        await Assertions.Expect(page.Locator("article.credential")).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByRole(AriaRole.Table).Last).ToContainTextAsync("identity.create");
        await fixture.ScreenshotAsync(page, "identity");

        Assert.DoesNotContain(DashboardFixture.SealedSecret, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_a_credential_asks_first_then_shows_it_revoked()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/identities/{fixture.PaymentsApi.Id}");
        var credential = page.Locator($"#credential-{fixture.LegacyKey.Id}");
        await credential.GetByRole(AriaRole.Link, new() { Name = "Revoke payments legacy key…" }).ClickAsync();

        // The confirmation step changes nothing yet.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Revoke “payments legacy key”?");
        Assert.Equal("active", await StateOverApiAsync(fixture.LegacyKey.Id.ToString()));
        await fixture.ScreenshotAsync(page, "revoke-confirm");

        await page.GetByLabel("Reason (kept in the audit trail)").FillAsync("leaked in a support ticket");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke credential" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Revoked “payments legacy key”. It is no longer accepted anywhere.");
        await Assertions.Expect(credential.Locator(".state")).ToHaveTextAsync("revoked");
        await Assertions.Expect(credential.GetByRole(AriaRole.Link, new() { Name = "Revoke payments legacy key…" })).ToHaveCountAsync(0);
        await credential.GetByText("History").ClickAsync();
        await Assertions.Expect(credential.Locator(".history")).ToContainTextAsync("credential.revoke");
        await fixture.ScreenshotAsync(page, "revoked");
        Assert.Equal("revoked", await StateOverApiAsync(fixture.LegacyKey.Id.ToString()));
    }

    [Fact]
    public async Task Rotating_an_api_key_asks_first_then_shows_the_successor_once_and_both_keys_work()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/identities/{fixture.Checkout.Id}");
        var key = fixture.CheckoutKey.Credential;
        var credential = page.Locator($"#credential-{key.Id}");
        await credential.GetByRole(AriaRole.Link, new() { Name = $"Rotate {key.Name}…" }).ClickAsync();

        // The confirmation step changes nothing yet.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Rotate “{key.Name}”?");
        Assert.Equal(1, await ApiKeysOfCheckoutAsync());
        await fixture.ScreenshotAsync(page, "rotate-confirm");

        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate credential" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Rotated “{key.Name}”");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The old secret keeps working until");
        var successor = await page.GetByLabel("New secret, shown this once").InputValueAsync();
        Assert.True(Lanyard.Core.Keys.LanyardKeyFormat.TryParse(successor, out var environment));
        Assert.Equal("staging", environment);
        await fixture.ScreenshotAsync(page, "rotated");

        // Both keys work during the overlap window.
        foreach (var secret in new[] { successor, fixture.CheckoutKey.Secret })
        {
            using var workload = fixture.Server.CreateClient();
            workload.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await workload.GetAsync("/v1/whoami")).StatusCode);
        }

        Assert.Equal(2, await ApiKeysOfCheckoutAsync());

        // Back on the identity, the old key offers no second rotation and the new one is listed.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the identity" }).ClickAsync();
        await Assertions.Expect(credential.GetByRole(AriaRole.Link, new() { Name = $"Rotate {key.Name}…" })).ToHaveCountAsync(0);
        Assert.DoesNotContain(successor, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auditor_sees_no_revoke_action_and_is_refused_if_it_asks_anyway()
    {
        var page = await fixture.SignedInPageAsync(fixture.AuditorToken);
        await page.GotoAsync($"/identities/{fixture.DeployBot.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("deploy-bot");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Revoke" })).ToHaveCountAsync(0);

        var credentialId = (await page.Locator("article.credential").First.GetAttributeAsync("id"))!["credential-".Length..];
        var response = await page.GotoAsync($"/credentials/{credentialId}/revoke");
        Assert.Equal(403, response!.Status);

        // The lifecycle worker may mark this expired credential expired meanwhile; revoked it must not be.
        Assert.NotEqual("revoked", await StateOverApiAsync(credentialId));
    }

    [Fact]
    public async Task An_owner_sees_actions_only_on_its_teams_identities_in_its_environments_and_is_refused_elsewhere()
    {
        var page = await fixture.SignedInPageAsync(fixture.OwnerToken);

        await page.GotoAsync($"/identities/{fixture.Checkout.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("checkout-worker");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Revoke" }).First).ToBeVisibleAsync();
        await page.GotoAsync($"/identities/{fixture.DeployBot.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("deploy-bot");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Revoke" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Rotate" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "audit" })).ToHaveCountAsync(0);

        var identityPage = await page.GotoAsync($"/identities/{fixture.PaymentsApi.Id}");
        Assert.Equal(403, identityPage!.Status);
        var response = await page.GotoAsync($"/credentials/{fixture.PaymentsPassword.Id}/revoke");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("limited to environment(s) staging, dev, not prod");
        Assert.NotEqual("revoked", await StateOverApiAsync(fixture.PaymentsPassword.Id.ToString()));
    }

    [Fact]
    public async Task A_principal_limited_to_environments_sees_only_those_in_the_inventory_overview_findings_and_owners()
    {
        var page = await fixture.SignedInPageAsync(fixture.OwnerToken);

        await page.GotoAsync("/inventory?q=payments");
        var names = await page.Locator("table.list tbody th").AllInnerTextsAsync();
        var environments = await page.GetByLabel("Environment").Locator("option").AllInnerTextsAsync();
        await page.GotoAsync("/inventory?environment=prod");
        var prodRows = await page.Locator("table.list tbody th").CountAsync();
        await page.GotoAsync("/inventory?view=identities&q=payments-api");
        var identities = await page.Locator("table.list tbody th").CountAsync();
        await page.GotoAsync("/");
        var overview = await page.GetByRole(AriaRole.Main).InnerTextAsync();
        await page.GotoAsync("/findings");
        var findings = await page.GetByRole(AriaRole.Main).InnerTextAsync();
        await page.GotoAsync("/owners");
        var platform = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "team-platform" }) });

        Assert.DoesNotContain("payments db password", names);
        Assert.DoesNotContain("prod", environments);
        Assert.Contains("staging", environments);
        Assert.Equal(0, prodRows);
        Assert.Equal(0, identities);
        Assert.DoesNotContain("prod", overview, StringComparison.Ordinal);
        Assert.Contains("staging", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("payments-api", findings, StringComparison.Ordinal);
        // team-platform's one identity and its batch of credentials are all in prod.
        await Assertions.Expect(platform.GetByRole(AriaRole.Cell)).ToHaveTextAsync(["platform@example.com", "0", "0"]);
    }

    [Fact]
    public async Task Findings_owners_and_audit_pages_show_what_is_wrong_and_who_owns_it()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/findings");
        var orphaned = page.Locator("#kind-orphaned");
        await Assertions.Expect(orphaned).ToContainTextAsync("deploy-bot");
        await Assertions.Expect(orphaned.Locator(".advice")).ToContainTextAsync("Give it an owner");
        await Assertions.Expect(page.Locator("#kind-expired")).ToContainTextAsync("deploy token");
        await fixture.ScreenshotAsync(page, "findings");

        await page.GetByRole(AriaRole.Link, new() { Name = "Owners" }).ClickAsync();
        var platform = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "team-platform" }) });
        await Assertions.Expect(platform.GetByRole(AriaRole.Cell)).ToHaveTextAsync(["platform@example.com", "1", $"{DashboardFixture.BatchSize}"]);
        await Assertions.Expect(page.Locator("section", new() { HasText = "Orphans" })).ToContainTextAsync("deploy-bot");
        await fixture.ScreenshotAsync(page, "owners");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Assertions.Expect(page.Locator(".verified")).ToContainTextAsync("The hash chain verifies");
        await page.GetByLabel("Action starts with").FillAsync("identity.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("action=identity"));
        var actions = await page.Locator("tbody th").AllInnerTextsAsync();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.StartsWith("identity.", a));
        await fixture.ScreenshotAsync(page, "audit");
    }

    [Fact]
    public async Task A_large_finding_group_shows_its_first_rows_and_links_to_all_of_them()
    {
        var admin = new Actor("seed", Role.Admin);
        var cron = (await fixture.Server.Inventory.CreateIdentityAsync(new IdentityDraft("old-cron", "dev"), admin)).Value!;
        for (var i = 0; i < 25; i++)
        {
            Assert.True((await fixture.Server.Inventory.CreateCredentialAsync(
                new CredentialDraft(cron.Id, $"cron token {i:D2}", CredentialKind.Secret) { ExpiresAt = DateTimeOffset.UtcNow.AddDays(-1) },
                admin)).Succeeded);
        }

        fixture.Server.App.Services.GetRequiredService<DashboardSnapshots>().Invalidate();
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/findings");

        // 25 cron tokens and the deploy token: nobody owns either identity.
        var expired = page.Locator("#kind-expired");
        await Assertions.Expect(expired.Locator("table").First.Locator("tbody tr")).ToHaveCountAsync(FindingsModel.RowsPerGroup);
        await expired.GetByRole(AriaRole.Link, new() { Name = "Show all 26 expired findings of no owner" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("26 findings of kind expired that nobody owns");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(26);
        await Assertions.Expect(page.Locator("section.finding-kind")).ToHaveCountAsync(1);

        await page.GotoAsync("/findings?kind=no-such-kind");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'no-such-kind' is not a finding kind");
    }

    [Fact]
    public async Task Keyboard_alone_signs_in_and_reaches_the_inventory()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signin");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await FocusedTextAsync(page));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));

        await TabToAsync(page, "#token");
        await page.Keyboard.TypeAsync(fixture.Server.Token);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));

        // The skip link moves focus past the navigation to the content.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));

        await page.Keyboard.PressAsync("Shift+Tab");
        await TabToAsync(page, "a[href='/inventory']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/inventory");
        await TabToAsync(page, "#environment");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "button[type=submit]:not(.signout button)");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("match");
        Assert.Contains("environment=", page.Url);
    }

    private static async Task<string> FocusedTextAsync(IPage page) =>
        await page.EvaluateAsync<string>("document.activeElement.textContent.trim()");

    /// <summary>Presses Tab until <paramref name="selector"/> has focus; fails after 40 presses.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement.matches(s)", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {selector}");
    }

    private async Task<int> ApiKeysOfCheckoutAsync()
    {
        using var client = fixture.Server.CreateClient();
        var page = await client.GetFromJsonAsync<JsonObject>($"/v1/credentials?identity={fixture.Checkout.Id}&kind=api-key");
        return page!["items"]!.AsArray().Count;
    }

    private async Task<string> StateOverApiAsync(string credentialId)
    {
        using var client = fixture.Server.CreateClient();
        var credential = await client.GetFromJsonAsync<JsonObject>($"/v1/credentials/{credentialId}");
        return credential!["state"]!.GetValue<string>();
    }
}
