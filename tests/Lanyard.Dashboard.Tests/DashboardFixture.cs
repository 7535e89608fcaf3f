using Lanyard.Core.Access;
using Lanyard.Core.Inventory;
using Lanyard.Server.Tests.Hosting;
using Lanyard.Store;
using Lanyard.Store.Access;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;
using Lanyard.Store.Issuance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lanyard.Dashboard.Tests;

/// <summary>
/// A real server on a free loopback port with a seeded inventory, and Debian's Chromium driven by
/// Playwright. No browser is downloaded: the system's <c>/usr/bin/chromium</c> is launched.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The value of a sealed secret; no page may ever show it.</summary>
    public const string SealedSecret = "s3cr3t-value-the-dashboard-must-never-show";

    /// <summary>How many credentials the batch identity holds: more than one page.</summary>
    public const int BatchSize = 60;

    private IPlaywright _playwright = null!;

    public TestLanyard Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string AuditorToken { get; } = "lnyt_auditor_" + Guid.NewGuid().ToString("N");

    /// <summary>An owner of team-payments, limited to staging and dev.</summary>
    public string OwnerToken { get; private set; } = null!;

    public Identity PaymentsApi { get; private set; } = null!;

    public Identity DeployBot { get; private set; } = null!;

    /// <summary>checkout-worker, whose API key the rotate test rotates.</summary>
    public Identity Checkout { get; private set; } = null!;

    /// <summary>The issued API key the rotate test rotates, and its secret.</summary>
    public IssuedSecret CheckoutKey { get; private set; } = null!;

    public Credential PaymentsPassword { get; private set; } = null!;

    /// <summary>The credential the revoke test revokes; nothing else counts on its state.</summary>
    public Credential LegacyKey { get; private set; } = null!;

    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing; install Debian's chromium package (scripts/install-test-deps.sh does).");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        // The pages are tested against a fixed inventory: the background workers, which would expire
        // and notify on their own schedule, are held back for the fixture's lifetime.
        Server = await TestLanyard.StartAsync(settings =>
        {
            settings.LifecycleInterval = TimeSpan.FromHours(12);
            settings.WebhookInterval = TimeSpan.FromHours(12);
        });
        await SeedAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh browser context: no cookies, TLS from the server's own CA accepted.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            BaseURL = Server.Address.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });

        // The suite shares two cores with every other test project; a page may take its time to load there.
        context.SetDefaultNavigationTimeout(90_000);
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page already signed in through the sign-in form.</summary>
    public async Task<IPage> SignedInPageAsync(string? token = null)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Lanyard token").FillAsync(token ?? Server.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            // Leaving the sign-in page is what signing in means; each test then waits for what it looks at.
            await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal),
                new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            // Say what the browser shows instead: a refusal, an error page, or a page still loading.
            throw new InvalidOperationException(
                $"Sign-in did not leave {page.Url} within the timeout; the page reads: {await page.InnerTextAsync("body")}", e);
        }

        return page;
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    private async Task SeedAsync()
    {
        var inventory = Server.Inventory;
        var issuer = Server.App.Services.GetRequiredService<CredentialIssuer>();
        var now = DateTimeOffset.UtcNow;
        var admin = new Actor("seed", Role.Admin);

        Must(await inventory.CreateOwnerAsync("team-payments", "payments@example.com", admin));
        Must(await inventory.CreateOwnerAsync("team-platform", "platform@example.com", admin));

        PaymentsApi = Must(await inventory.CreateIdentityAsync(new IdentityDraft("payments-api", "prod", "team-payments"), admin));
        var checkout = Checkout = Must(await inventory.CreateIdentityAsync(new IdentityDraft("checkout-worker", "staging", "team-payments"), admin));
        DeployBot = Must(await inventory.CreateIdentityAsync(new IdentityDraft("deploy-bot", "dev"), admin));
        var billing = Must(await inventory.CreateIdentityAsync(new IdentityDraft("billing-export", "prod", "team-platform"), admin));

        PaymentsPassword = Must(await inventory.CreateCredentialAsync(
            new CredentialDraft(PaymentsApi.Id, "payments db password", CredentialKind.Secret)
            {
                Secret = SealedSecret, ExpiresAt = now.AddDays(20),
            }, admin));
        Must(await inventory.CreateCredentialAsync(
            new CredentialDraft(PaymentsApi.Id, "payments tls certificate", CredentialKind.Certificate)
            {
                ExpiresAt = now.AddDays(45), KeyAlgorithm = "RSA", KeySize = 2048,
            }, admin));
        LegacyKey = Must(await inventory.CreateCredentialAsync(
            new CredentialDraft(PaymentsApi.Id, "payments legacy key", CredentialKind.Secret), admin));
        Must(await issuer.IssueApiKeyAsync(PaymentsApi.Id, TimeSpan.FromDays(80), admin));
        CheckoutKey = Must(await issuer.IssueApiKeyAsync(checkout.Id, TimeSpan.FromDays(80), admin));
        Must(await inventory.CreateCredentialAsync(
            new CredentialDraft(checkout.Id, "checkout queue key", CredentialKind.Secret) { ExpiresAt = now.AddDays(70) }, admin));
        Must(await inventory.CreateCredentialAsync(
            new CredentialDraft(DeployBot.Id, "deploy token", CredentialKind.Secret) { ExpiresAt = now.AddDays(-3) }, admin));

        for (var i = 0; i < BatchSize; i++)
        {
            Must(await inventory.CreateCredentialAsync(
                new CredentialDraft(billing.Id, $"batch export key {i:D2}", CredentialKind.Secret) { ExpiresAt = now.AddDays(100 + i) }, admin));
        }

        var principals = Server.App.Services.GetRequiredService<PrincipalService>();
        OwnerToken = Must(await principals.CreateAsync(
            new PrincipalDraft("payments-staging", Role.Owner) { Environments = ["staging", "dev"], Teams = ["team-payments"] }, admin)).Token;

        // An auditor reads everything and changes nothing.
        await using var db = Server.App.Services.GetRequiredService<StoreFactory>().CreateContext();
        db.Principals.Add(new Principal { Name = "auditor", Role = Role.Auditor, TokenHash = AccessTokens.Hash(AuditorToken), CreatedAt = now });
        await db.SaveChangesAsync();
    }

    private static T Must<T>(Lanyard.Core.Result<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException($"seeding failed: {result.Problem!.Detail}");
}
