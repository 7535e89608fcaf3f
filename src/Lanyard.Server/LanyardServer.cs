using Lanyard.Server.Acme;
using Lanyard.Server.Api;
using Lanyard.Server.Auth;
using Lanyard.Server.Dashboard;
using Lanyard.Server.Hosting;
using Lanyard.Server.Lifecycle;
using Lanyard.Server.Json;
using Lanyard.Server.OAuth;
using Lanyard.Store;
using Lanyard.Store.Access;
using Lanyard.Store.Inventory;
using Lanyard.Store.Issuance;
using Lanyard.Store.Lifecycle;
using Lanyard.Store.Sealing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Prometheus;

namespace Lanyard.Server;

/// <summary>Builds and runs the control plane: first-start set-up, storage, TLS, the API.</summary>
public static class LanyardServer
{
    /// <summary>
    /// Prepares everything the server needs (data folder, master key, schema, default environments,
    /// system CA, server certificate, bootstrap admin) and returns the app, ready to run.
    /// </summary>
    /// <param name="settings">Where to listen and where state lives.</param>
    /// <param name="console">Where the one-time bootstrap token is printed.</param>
    /// <param name="time">The clock; tests pass a fake one.</param>
    /// <param name="cancellationToken">Stops the set-up.</param>
    public static async Task<WebApplication> BuildAsync(
        ServerSettings settings, TextWriter console, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        time ??= TimeProvider.System;

        DataFolder.Ensure(settings.DataFolder);
        var (masterKey, keyCreated) = MasterKey.LoadOrCreate(settings.MasterKeyPath);
        var store = new StoreFactory(settings.ToStoreOptions());
        await store.MigrateAsync(cancellationToken);

        // Lanyard is configured by its settings, not by appsettings files, so nothing watches the
        // working directory for them: the data folder often lies inside it, and every write to the
        // database would otherwise wake a file watcher.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "Lanyard", Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        AddServices(builder.Services, settings, store, new Sealer(masterKey), time);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; o.UseUtcTimestamp = true; });

        // Data protection only backs ASP.NET Core's own machinery here; Lanyard seals its secrets
        // itself, so the keys live in the data folder and their start-up chatter stays quiet.
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataFolder, "aspnet-keys")));
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        // ASP.NET Core writes six information lines per request; at hundreds of requests a second
        // the console becomes the bottleneck. Lanyard logs what matters itself, and metrics count requests.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var startup = builder.Services.BuildServiceProvider();
        var trust = new SystemTrust(startup.GetRequiredService<SystemSecretStore>(), time);
        await trust.LoadOrCreateAsync(settings, cancellationToken);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = trust.ServerCertificate;

            // Mutual TLS (RFC 8705) is asked for, never required, and every certificate passes the
            // handshake: which CA a client certificate must chain to depends on the environment of
            // the request, so the application checks it against that environment's CA.
            https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
            https.AllowAnyClientCertificate();
        }));

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Lanyard.Server");
        Log.StoreReady(logger, store.Dialect.ToString());
        if (keyCreated)
        {
            Log.MasterKeyCreated(logger, settings.MasterKeyPath);
        }

        if (trust.RootCreated)
        {
            Log.SystemCaCreated(logger, settings.CaCertificatePath);
        }

        await app.Services.GetRequiredService<InventoryService>().EnsureDefaultEnvironmentsAsync(cancellationToken);
        await AnnounceBootstrapTokenAsync(app, settings, console, logger, cancellationToken);
        MapEndpoints(app);
        return app;
    }

    private static void AddServices(IServiceCollection services, ServerSettings settings, StoreFactory store,
        Sealer sealer, TimeProvider time)
    {
        services.AddSingleton(settings);
        services.AddSingleton(settings.SvidLifetimes);
        services.AddSingleton(time);
        services.AddSingleton(store);
        services.AddSingleton(sealer);
        services.AddSingleton<Store.Audit.AuditCommitter>();
        services.AddSingleton<InventoryService>();
        services.AddSingleton<PrincipalService>();
        services.AddSingleton<SystemSecretStore>();
        services.AddSingleton<AccessTargets>();
        services.AddSingleton<AccessControl>();
        AddIssuance(services);

        services.Configure<JsonOptions>(o =>
        {
            LanyardJson.Configure(o.SerializerOptions);
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        var authentication = services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddDashboard(authentication);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddOpenApi();
    }

    private static void AddIssuance(IServiceCollection services)
    {
        services.AddSingleton<CredentialIssuer>();
        services.AddSingleton<Store.Policy.PolicyStore>();
        services.AddSingleton<UsageRecorder>();
        services.AddSingleton<WorkloadAuthenticator>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<TokenLedger>();
        services.AddSingleton<CredentialRotator>();
        services.AddSingleton<LifecycleSweeper>();
        services.AddSingleton<IntermediateRenewal>();
        services.AddSingleton<Store.Probes.EndpointWatch>();
        services.AddSingleton(provider => new Store.Probes.EndpointProber(
            provider.GetRequiredService<Store.Probes.EndpointWatch>(), provider.GetRequiredService<Store.Pki.EnvironmentCaStore>(),
            provider.GetRequiredService<StoreFactory>(), provider.GetRequiredService<TimeProvider>())
        {
            Interval = provider.GetRequiredService<ServerSettings>().ProbeInterval,
            Timeout = provider.GetRequiredService<ServerSettings>().ProbeTimeout,
        });
        services.AddHostedService<ProbeWorker>();
        services.AddHostedService<LifecycleWorker>();
        services.AddSingleton(provider => new Store.Webhooks.WebhookSender(
            provider.GetRequiredService<StoreFactory>(), provider.GetRequiredService<Store.Sealing.Sealer>(),
            WebhookClient(), provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<WebhookWorker>();
        services.AddSingleton<IssuerUrls>();
        services.AddSingleton<AccessTokenService>();
        services.AddSingleton<ClientAssertionValidator>();
        services.AddSingleton<ClientCertificateAuthenticator>();
        services.AddSingleton<ClientAuthenticator>();
        services.AddSingleton<OAuthServer>();
        services.AddSingleton<Store.Pki.EnvironmentCaStore>();
                services.AddSingleton<Store.Pki.CertificateIssuer>();
        services.AddSingleton<Store.Pki.CrlPublisher>();
        services.AddSingleton<Store.Acme.AcmeAccounts>();
        services.AddSingleton<Store.Acme.AcmeOrders>();
        services.AddSingleton(provider => new Lanyard.Acme.NonceLedger(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Acme.AcmeUrls>();
        services.AddSingleton<Acme.AcmeRequestReader>();
        services.AddSingleton<Acme.ChallengeValidator>();
        services.AddSingleton<Acme.ChallengeRunner>();
    }

    /// <summary>Redirects are not followed: a signed event goes only where the owner said.</summary>
    private static HttpClient WebhookClient()
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        }) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Lanyard-Webhook/1");
        return client;
    }

    private static async Task AnnounceBootstrapTokenAsync(
        WebApplication app, ServerSettings settings, TextWriter console, ILogger logger, CancellationToken cancellationToken)
    {
        var principals = app.Services.GetRequiredService<PrincipalService>();
        var generated = await principals.EnsureBootstrapAdminAsync(settings.BootstrapToken, cancellationToken);
        if (generated is not null)
        {
            await console.WriteLineAsync($"""

                Lanyard created its bootstrap admin token. It is shown this once and stored only as a hash:

                    export LANYARD_TOKEN={generated}
                    export LANYARD_CACERT={settings.CaCertificatePath}

                """);
        }
        else if (!string.IsNullOrEmpty(settings.BootstrapToken))
        {
            Log.BootstrapTokenPreset(logger);
        }
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseDashboardHeaders();
        app.UseStatusCodePages();
        app.UseHttpMetrics();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");
        app.MapMetrics("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");

        // Every API endpoint passes the access table; who may do what is decided there alone.
        var v1 = app.MapGroup("/v1").RequireAuthorization().AddEndpointFilter<AccessFilter>();
        v1.MapInventory();
        v1.MapImports();
        v1.MapPosture();
        v1.MapScanReports();
        v1.MapAudit();
        v1.MapIssuance();
        v1.MapCertificates();
        v1.MapWhoami();
        v1.MapSvids();
        v1.MapPrincipals();
        v1.MapPolicies();
        v1.MapEnvironmentCa();
        v1.MapWatchedEndpoints();
        v1.MapAcmeEab();
        app.MapGroup("/v1").AllowAnonymous().AddEndpointFilter<AccessFilter>().MapTrustMaterial();
        app.MapOAuth();
        app.MapAcme();
        app.MapDashboard();
    }
}
