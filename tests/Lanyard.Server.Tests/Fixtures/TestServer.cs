using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lanyard.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace Lanyard.Server.Tests.Fixtures;

/// <summary>
/// The real server on a free loopback port with HTTPS, SQLite in a data folder of its own and a
/// fake clock that starts at the real time, so certificates and tokens check out for outside verifiers.
/// </summary>
public sealed class TestServer : IAsyncLifetime
{
    public const string AdminToken = "lnyt_server_tests_admin_token_0123456789";

    private WebApplication _app = null!;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), $"lanyard-server-test-{Guid.NewGuid():N}");

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public Uri Address { get; private set; } = null!;

    /// <summary>The running server's services, to enumerate its endpoints or open sessions directly.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Where ACME challenge validation connects; the standard ports unless a test moves them.</summary>
    public Lanyard.Server.Acme.AcmeSettings Acme { get; init; } = Lanyard.Server.Acme.AcmeSettings.Standard;

    public async Task InitializeAsync()
    {
        var settings = new ServerSettings { DataFolder = DataFolder, Urls = ["https://127.0.0.1:0"], BootstrapToken = AdminToken, Acme = Acme };
        _app = await LanyardServer.BuildAsync(settings, TextWriter.Null, Time);
        await _app.StartAsync();
        Address = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataFolder, recursive: true);
    }

    /// <summary>
    /// A client that trusts the server's CA; with a bearer token when one is given, and presenting
    /// <paramref name="certificate"/> in the TLS handshake when one is given.
    /// </summary>
    public HttpClient Client(string? bearer = AdminToken, X509Certificate2? certificate = null)
    {
        var handler = TrustingHandler();
        if (certificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(certificate);
        }

        var client = new HttpClient(handler) { BaseAddress = Address };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>A handler that trusts the server's CA and nothing else.</summary>
    public HttpClientHandler TrustingHandler()
    {
        var root = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(DataFolder, "ca.pem")));
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(root);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
    }

    /// <summary>Creates a machine identity as the admin and returns its id.</summary>
    public async Task<string> CreateIdentityAsync(string environment = "dev", string? name = null)
    {
        using var admin = Client();
        var response = await admin.PostAsJsonAsync("/v1/identities",
            new { name = name ?? $"svc-{Guid.NewGuid():N}"[..20], environment });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>Audit events whose action starts with <paramref name="action"/>, oldest first.</summary>
    public async Task<List<JsonNode>> AuditAsync(string action)
    {
        using var admin = Client();
        var page = await admin.GetFromJsonAsync<JsonObject>($"/v1/audit?action={action}&limit=500");
        return page!["items"]!.AsArray().Select(e => e!).ToList();
    }
}
