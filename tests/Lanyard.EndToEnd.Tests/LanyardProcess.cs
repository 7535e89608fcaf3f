using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.EndToEnd.Tests;

/// <summary>
/// A real <c>lanyard serve</c> process on a free loopback port with a data folder of its own,
/// and a way to run the real <c>lanyard</c> command against it.
/// </summary>
public sealed class LanyardProcess : IAsyncDisposable
{
    private readonly Process _server;
    private readonly Dictionary<string, string> _environment;

    private LanyardProcess(Process server, string dataFolder, string address, string token, Dictionary<string, string> environment)
    {
        _server = server;
        DataFolder = dataFolder;
        Address = address;
        Token = token;
        _environment = environment;
    }

    public string DataFolder { get; }

    public string Address { get; }

    public string Token { get; }

    public string CaPath => Path.Combine(DataFolder, "ca.pem");

    public static string LanyardDll => Path.Combine(AppContext.BaseDirectory, "lanyard.dll");

    /// <summary>Starts a server and, unless told not to, waits until it answers ready.</summary>
    /// <param name="dataFolder">A data folder to reuse, as a restart does; a new one when null.</param>
    /// <param name="extraEnvironment">Settings for the server and every command run against it.</param>
    /// <param name="address">The address to listen on, as a restart on the same port needs; a free port when null.</param>
    /// <param name="token">The bootstrap admin token; a restart passes the first start's.</param>
    /// <param name="waitUntilReady">Whether to wait for the server to answer ready before returning.</param>
    public static async Task<LanyardProcess> StartAsync(
        string? dataFolder = null, IDictionary<string, string>? extraEnvironment = null, string? address = null,
        string? token = null, bool waitUntilReady = true)
    {
        dataFolder ??= Path.Combine(Path.GetTempPath(), $"lanyard-e2e-{Guid.NewGuid():N}");
        address ??= $"https://127.0.0.1:{FreePort()}";
        token ??= "lnyt_e2e_" + Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string>
        {
            ["LANYARD_DATA"] = dataFolder,
            ["LANYARD_BOOTSTRAP_TOKEN"] = token,
            ["LANYARD_ADDR"] = address,
            ["LANYARD_TOKEN"] = token,
            ["LANYARD_CACERT"] = Path.Combine(dataFolder, "ca.pem"),
        };
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var server = Process.Start(StartInfo(["serve", "--urls", address], environment))!;
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var process = new LanyardProcess(server, dataFolder, address, token, environment);
        if (!waitUntilReady)
        {
            return process;
        }

        try
        {
            await process.WaitUntilReadyAsync();
        }
        catch
        {
            // A server that never became ready must not outlive the test that started it.
            await process.StopAsync();
            server.Dispose();
            throw;
        }

        return process;
    }

    /// <summary>Runs <c>lanyard ARGS</c> against this server and returns its exit code and output.</summary>
    public async Task<CliRun> RunAsync(params string[] args)
    {
        using var cli = Process.Start(StartInfo(args, _environment))!;
        cli.StandardInput.Close();
        var stdout = cli.StandardOutput.ReadToEndAsync();
        var stderr = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return new CliRun(cli.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Starts <c>lanyard ARGS</c> as a long-running process (such as the agent) authenticated with
    /// <paramref name="token"/>; its standard error is collected into <paramref name="log"/>.
    /// </summary>
    public Process StartCommand(string token, System.Text.StringBuilder log, params string[] args)
    {
        var environment = new Dictionary<string, string>(_environment) { ["LANYARD_TOKEN"] = token };
        var process = Process.Start(StartInfo(args, environment))!;
        process.StandardInput.Close();
        void Append(object? _, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>An HTTP client that trusts this server's CA and carries the admin token.</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var root = X509Certificate2.CreateFromPem(File.ReadAllText(CaPath));
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
        var client = new HttpClient(handler) { BaseAddress = new Uri(Address) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token ?? Token);
        return client;
    }

    public async Task StopAsync()
    {
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _server.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A folder another test still reads is left for the OS to clean.
        }
    }

    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"lanyard serve exited with code {_server.ExitCode} before it was ready.");
            }

            if (File.Exists(CaPath))
            {
                try
                {
                    using var client = CreateClient();
                    if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("lanyard serve did not become ready within 60 seconds.");
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(LanyardDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
