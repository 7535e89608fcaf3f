using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

/// <summary>The agent's spiffe-helper and Vault Agent style extras: signalling the service and keeping an OAuth2 token.</summary>
public sealed class AgentExtrasTests(CliHarness harness) : IClassFixture<CliHarness>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-agent-extras-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(string Identity, string Key)> WorkloadAsync()
    {
        var identity = await harness.CreateIdentityAsync("prod");
        using var admin = harness.Client();
        var issued = await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { });
        return (identity, (await issued.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>());
    }

    /// <summary>A stand-in service: a shell that appends the signal's name to a file whenever it gets one.</summary>
    private Process StartService(string received)
    {
        var ready = Path.Combine(_folder, $"ready-{Guid.NewGuid():N}");
        var script = $"trap 'echo HUP >> \"{received}\"' HUP; trap 'echo USR1 >> \"{received}\"' USR1; touch \"{ready}\"; while :; do sleep 0.1; done";
        var service = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]))!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(ready) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        return service;
    }

    private static async Task<string> WaitForTextAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path) && (await File.ReadAllTextAsync(path)).Length > 0)
            {
                return await File.ReadAllTextAsync(path);
            }

            await Task.Delay(50);
        }

        return "";
    }

    [Fact]
    public async Task Agent_sends_the_signal_to_the_pid_after_writing_the_svid()
    {
        var (identity, key) = await WorkloadAsync();
        var received = Path.Combine(_folder, "received-hup");
        using var service = StartService(received);
        try
        {
            var run = await harness.RunWithTokenAsync(key, "agent", "--identity", identity, "--out", Path.Combine(_folder, "svid"), "--once",
                "--signal", "SIGHUP", "--pid", service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("HUP\n", await WaitForTextAsync(received));
        }
        finally
        {
            service.Kill();
        }
    }

    [Fact]
    public async Task Agent_reads_the_pid_file_and_sends_usr1_to_the_process_it_names()
    {
        var (identity, key) = await WorkloadAsync();
        var received = Path.Combine(_folder, "received-usr1");
        using var service = StartService(received);
        var pidFile = Path.Combine(_folder, "service.pid");
        await File.WriteAllTextAsync(pidFile, $"{service.Id}\n");
        try
        {
            var run = await harness.RunWithTokenAsync(key, "agent", "--identity", identity, "--out", Path.Combine(_folder, "svid"), "--once",
                "--signal", "usr1", "--pid-file", pidFile);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("USR1\n", await WaitForTextAsync(received));
        }
        finally
        {
            service.Kill();
        }
    }

    [Fact]
    public async Task A_pid_file_without_a_process_id_is_logged_and_the_svid_is_still_written()
    {
        var (identity, key) = await WorkloadAsync();
        var pidFile = Path.Combine(_folder, "bad.pid");
        await File.WriteAllTextAsync(pidFile, "nginx\n");
        var output = Path.Combine(_folder, "svid");

        var run = await harness.RunWithTokenAsync(key, "agent", "--identity", identity, "--out", output, "--once", "--signal", "HUP", "--pid-file", pidFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"--pid-file {pidFile}: 'nginx' is not a process id; no SIGHUP sent", run.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "svid.pem")));
    }

    [Theory]
    [InlineData("--signal SIGHUP", "--signal needs exactly one of --pid PID or --pid-file FILE")]
    [InlineData("--signal SIGFOO --pid 4242", "--signal SIGFOO: use one of")]
    [InlineData("--pid 4242", "give --signal too")]
    [InlineData("--token-file t --client-secret-file s", "--token-file needs --client-id")]
    [InlineData("--client-id c", "go with --token-file")]
    public async Task Incomplete_signal_or_token_options_exit_2_naming_what_is_missing_and_write_nothing(string options, string message)
    {
        var (identity, key) = await WorkloadAsync();
        var output = Path.Combine(_folder, "nothing");

        var run = await harness.RunWithTokenAsync(key, ["agent", "--identity", identity, "--out", output, "--once", .. options.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Agent_writes_an_access_token_of_the_identitys_oauth2_client_that_the_server_accepts()
    {
        var (identity, key) = await WorkloadAsync();
        using var admin = harness.Client();
        var client = (await (await admin.PostAsJsonAsync($"/v1/identities/{identity}/clients", new { })).Content.ReadFromJsonAsync<JsonObject>())!;
        var secretFile = Path.Combine(_folder, "client-secret");
        await File.WriteAllTextAsync(secretFile, client["clientSecret"]!.GetValue<string>() + "\n");
        var tokenFile = Path.Combine(_folder, "token", "access_token");

        var run = await harness.RunWithTokenAsync(key, "agent", "--identity", identity, "--out", Path.Combine(_folder, "svid"), "--once",
            "--token-file", tokenFile, "--client-id", client["clientId"]!.GetValue<string>(), "--client-secret-file", secretFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        using var withToken = harness.Client(await File.ReadAllTextAsync(tokenFile));
        var whoami = (await withToken.GetFromJsonAsync<JsonObject>("/v1/whoami"))!;
        Assert.Equal(identity, whoami["identity"]!["id"]!.GetValue<string>());
        Assert.Equal(client["clientId"]!.GetValue<string>(), whoami["credential"]!["clientId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Agent_keeps_a_token_bound_to_its_svid_for_a_tls_client_auth_client_without_any_secret()
    {
        var (identity, key) = await WorkloadAsync();
        using var admin = harness.Client();
        var client = (await (await admin.PostAsJsonAsync($"/v1/identities/{identity}/clients",
            new { tokenEndpointAuthMethod = "tls_client_auth" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var svidFolder = Path.Combine(_folder, "svid");
        var tokenFile = Path.Combine(_folder, "token", "access_token");

        var run = await harness.RunWithTokenAsync(key, "agent", "--identity", identity, "--out", svidFolder, "--once",
            "--token-file", tokenFile, "--client-id", client["clientId"]!.GetValue<string>());

        Assert.True(run.ExitCode == 0, run.ToString());
        var token = await File.ReadAllTextAsync(tokenFile);
        using var svid = X509Certificate2.CreateFromPemFile(Path.Combine(svidFolder, "svid.pem"), Path.Combine(svidFolder, "svid_key.pem"));
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]))!;
        Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(svid.RawData)), payload["cnf"]!["x5t#S256"]!.GetValue<string>());
        using var withSvid = harness.Client(token, svid);
        using var withoutSvid = harness.Client(token);
        var whoami = (await withSvid.GetFromJsonAsync<JsonObject>("/v1/whoami"))!;
        Assert.Equal(client["clientId"]!.GetValue<string>(), whoami["credential"]!["clientId"]!.GetValue<string>());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await withoutSvid.GetAsync("/v1/whoami")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_client_secret_fails_once_with_the_servers_reason_and_writes_no_token()
    {
        var (identity, key) = await WorkloadAsync();
        using var admin = harness.Client();
        var client = (await (await admin.PostAsJsonAsync($"/v1/identities/{identity}/clients", new { })).Content.ReadFromJsonAsync<JsonObject>())!;
        var secretFile = Path.Combine(_folder, "wrong-secret");
        await File.WriteAllTextAsync(secretFile, "not-the-secret");
        var tokenFile = Path.Combine(_folder, "token", "access_token");

        var run = await harness.RunWithTokenAsync(key, "agent", "--identity", identity, "--out", Path.Combine(_folder, "svid"), "--once",
            "--token-file", tokenFile, "--client-id", client["clientId"]!.GetValue<string>(), "--client-secret-file", secretFile);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("client", run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(tokenFile));
    }
}
