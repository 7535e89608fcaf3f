using Lanyard.Core.Access;
using Lanyard.Store.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace Lanyard.Server.Dashboard;

/// <summary>
/// The web dashboard at <c>/</c>: Razor Pages rendered on the server, signed in with a Lanyard
/// token, with one hand-written style sheet and no script framework.
/// </summary>
internal static class DashboardSetup
{
    public const string Policy = "Dashboard";
    private const string StyleSheetResource = "Lanyard.Server.Dashboard.dashboard.css";

    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'";

    public static void AddDashboard(this IServiceCollection services, AuthenticationBuilder authentication)
    {
        services.AddSingleton<DashboardSessions>();
        services.AddSingleton<DashboardSnapshots>();
        authentication.AddScheme<AuthenticationSchemeOptions, DashboardSessionHandler>(DashboardSessionHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(DashboardSessionHandler.SchemeName).RequireAuthenticatedUser()
                .RequireRole(nameof(Role.Admin), nameof(Role.Auditor), nameof(Role.Owner)));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__Host-lanyard-antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__csrf";
        });
        // The host's application name is not an assembly, so the pages' assembly is named here;
        // MVC then skips its own discovery.
        var parts = new ApplicationPartManager();
        var assembly = typeof(DashboardSetup).Assembly;
        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
        {
            parts.ApplicationParts.Add(part);
        }

        services.AddSingleton(parts);
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Dashboard/Pages";
                o.Conventions.AuthorizeFolder("/", Policy);
                o.Conventions.AllowAnonymousToPage("/SignIn");
            })
            .AddMvcOptions(o => o.Filters.AddService<AccessPageFilter>());
        services.AddSingleton<AccessPageFilter>();
    }

    public static void MapDashboard(this WebApplication app)
    {
        var css = ReadStyleSheet();
        app.MapGet("/dashboard.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(css, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        app.MapRazorPages();
    }

    /// <summary>Headers that keep dashboard pages out of caches and frames and forbid inline script.</summary>
    public static void UseDashboardHeaders(this WebApplication app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        if (!path.StartsWithSegments("/v1") && !path.StartsWithSegments("/oauth2") && !path.StartsWithSegments("/.well-known")
            && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/metrics"))
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (!headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
        }

        await next(http);
    });

    private static string ReadStyleSheet()
    {
        using var stream = typeof(DashboardSetup).Assembly.GetManifestResourceStream(StyleSheetResource)
            ?? throw new InvalidOperationException($"The dashboard style sheet {StyleSheetResource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
