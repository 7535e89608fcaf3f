using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Server.Hosting;
using Lanyard.Store.Inventory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lanyard.Server.Tests.Hosting;

/// <summary>
/// The real server, built as <c>lanyard serve</c> builds it, on SQLite in a data folder of its own
/// and a free loopback port, with an HTTP client that trusts its CA and carries the admin token.
/// </summary>
public sealed class TestLanyard : IAsyncDisposable
{
    private TestLanyard(WebApplication app, string dataFolder, Uri address, string token)
    {
        App = app;
        DataFolder = dataFolder;
        Address = address;
        Token = token;
    }

    public WebApplication App { get; }

    public string DataFolder { get; }

    public Uri Address { get; }

    public string Token { get; }

    public string DatabasePath => Path.Combine(DataFolder, "lanyard.db");

    public InventoryService Inventory => App.Services.GetRequiredService<InventoryService>();

    /// <summary>Starts a server on a free port with a data folder of its own.</summary>
    /// <param name="configure">Changes to the settings before the server is built, such as worker intervals.</param>
    public static async Task<TestLanyard> StartAsync(Action<ServerSettings>? configure = null)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), $"lanyard-test-{Guid.NewGuid():N}");
        var token = "lnyt_test_" + Guid.NewGuid().ToString("N");
        var settings = new ServerSettings { DataFolder = dataFolder, Urls = ["https://127.0.0.1:0"], BootstrapToken = token };
        configure?.Invoke(settings);

        var app = await LanyardServer.BuildAsync(settings, TextWriter.Null);
        await app.StartAsync();
        return new TestLanyard(app, dataFolder, new Uri(app.Urls.First()), token);
    }

    /// <summary>A client of the API; <paramref name="inner"/> sees each request as it goes out, when given.</summary>
    public HttpClient CreateClient(DelegatingHandler? inner = null)
    {
        var root = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(DataFolder, "ca.pem")));
        var tls = new HttpClientHandler
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
        HttpMessageHandler handler = tls;
        if (inner is not null)
        {
            inner.InnerHandler = tls;
            handler = inner;
        }

        var client = new HttpClient(handler) { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Every byte the database holds on disk, the write-ahead log included.</summary>
    public async Task<byte[]> DatabaseBytesAsync()
    {
        using var all = new MemoryStream();
        foreach (var path in new[] { DatabasePath, DatabasePath + "-wal" }.Where(File.Exists))
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await file.CopyToAsync(all);
        }

        return all.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean.
        }
    }
}
