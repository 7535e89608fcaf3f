using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lanyard.Server;
using Lanyard.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Lanyard.Cli.Tests;

/// <summary>What one run of the <c>lanyard</c> command did.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>A real server on a free loopback port, and the real <c>lanyard</c> command run against it.</summary>
public sealed class CliHarness : IAsyncLifetime
{
    public const string AdminToken = "lnyt_cli_tests_admin_token_0123456789";

    private WebApplication _app = null!;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), $"lanyard-cli-test-{Guid.NewGuid():N}");

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new ServerSettings { DataFolder = DataFolder, Urls = ["https://127.0.0.1:0"], BootstrapToken = AdminToken };
        _app = await LanyardServer.BuildAsync(settings, TextWriter.Null);
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

    public Task<CliRun> RunAsync(params string[] args) => RunWithTokenAsync(AdminToken, args);

    /// <summary>Runs the command with <c>LANYARD_TOKEN</c> set to another credential, such as a workload's API key.</summary>
    public async Task<CliRun> RunWithTokenAsync(string token, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lanyard.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["LANYARD_ADDR"] = Address.ToString().TrimEnd('/');
        info.Environment["LANYARD_TOKEN"] = token;
        info.Environment["LANYARD_CACERT"] = Path.Combine(DataFolder, "ca.pem");
        using var cli = Process.Start(info)!;
        cli.StandardInput.Close();
        var stdout = cli.StandardOutput.ReadToEndAsync();
        var stderr = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CliRun(cli.ExitCode, await stdout, await stderr);
    }

    /// <summary>A client that trusts the server's CA, with a bearer token and a client certificate when given.</summary>
    public HttpClient Client(string? bearer = AdminToken, X509Certificate2? certificate = null)
    {
        var root = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(DataFolder, "ca.pem")));
        var handler = new HttpClientHandler
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

    public async Task<string> CreateIdentityAsync(string environment = "dev")
    {
        using var admin = Client();
        var response = await admin.PostAsJsonAsync("/v1/identities", new { name = $"cli-{Guid.NewGuid():N}"[..20], environment });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }
}
