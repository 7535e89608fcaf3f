using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Lanyard.Dashboard.Tests;

/// <summary>
/// Every page checked with axe-core (vendored inside the Deque.AxeCore.Playwright package) and
/// with the rules the dashboard sets itself: labels on every control, scoped table headers,
/// headings in order, a language.
/// </summary>
public sealed class AccessibilityTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    public static TheoryData<string> Pages() =>
    [
        "/", "/inventory", "/inventory?view=identities", "/inventory?environment=prod&sort=expires", "/findings", "/owners", "/audit",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_passes_axe_and_labels_every_control(string path)
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(path);
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Sign_in_identity_and_confirmation_pages_pass_axe()
    {
        var signIn = await fixture.NewPageAsync();
        await signIn.GotoAsync("/signin");
        await AssertAccessibleAsync(signIn);

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/identities/{fixture.PaymentsApi.Id}");
        await AssertAccessibleAsync(page);
        await page.GotoAsync($"/credentials/{fixture.PaymentsPassword.Id}/revoke");
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Accessibility_tree_names_every_form_control_of_the_inventory()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/inventory");
        var tree = await page.Locator("form.filters").AriaSnapshotAsync();

        Assert.Contains("searchbox \"Search names\"", tree);
        foreach (var name in new[] { "Environment", "Owner", "Kind", "State", "Sort by" })
        {
            Assert.Contains($"combobox \"{name}\"", tree);
        }

        Assert.Contains("button \"Apply filters\"", tree);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        Assert.NotEmpty(axe.Passes);
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));

        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));

        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(el => el.labels.length === 0 && !el.getAttribute('aria-label'))
                .map(el => el.outerHTML)
            """);
        Assert.Empty(unlabelled);

        var unscoped = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('th')]
                .filter(th => th.getAttribute('scope') !== (th.closest('thead') ? 'col' : 'row'))
                .map(th => th.outerHTML)
            """);
        Assert.Empty(unscoped);

        var levels = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1])");
        Assert.Equal(1, levels[0]);
        Assert.Equal(1, levels.Count(l => l == 1));
        for (var i = 1; i < levels.Length; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"heading level {levels[i]} follows {levels[i - 1]} on {page.Url}");
        }
    }
}
