using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Cli.Commands;
using Lanyard.Cli.Http;

namespace Lanyard.Cli.Agent;

/// <summary>What the agent was asked to do.</summary>
/// <param name="Identity">The identity (id or name) the credential must belong to.</param>
/// <param name="Folder">Where the files go.</param>
/// <param name="Command">A shell command run after each renewal, or null.</param>
/// <param name="Once">Fetch once and exit, for init containers and cron.</param>
/// <param name="Ttl">The SVID lifetime to ask for (such as <c>15m</c>), or null for the server's default.</param>
/// <param name="Signal">The signal sent after each renewal, or null.</param>
/// <param name="Token">The OAuth2 access token kept fresh beside the SVID, or null.</param>
internal sealed record AgentOptions(
    string Identity, string Folder, string? Command, bool Once, string? Ttl = null, ProcessSignal? Signal = null,
    TokenOptions? Token = null);

/// <summary>
/// Keeps an X.509-SVID fresh on disk: a new key and CSR each time, the SVID, key and bundle each
/// written through a temporary file and a rename (no reader sees half a file; the key lands
/// before the certificate it belongs to), renewal at half-life with jitter, and retries with
/// backoff while the server is unreachable.
/// </summary>
internal sealed class SvidAgent(ApiClient api, AgentOptions options, TextWriter log)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var environment = await CheckIdentityAsync(ct);
        var secret = options.Token?.SecretFile is { } secretFile ? TokenKeeper.ReadSecret(secretFile) : null;
        CertFiles.EnsureFolder(options.Folder);
        using var keeper = options.Token is null ? null : new TokenKeeper(api, options.Token, environment, secret, options.Folder, log);
        if (options.Once)
        {
            // The SVID first: a mutual-TLS client authenticates with it.
            var exit = await KeepSvidAsync(keeper, ct);
            if (keeper is not null)
            {
                await keeper.RefreshAsync(ct);
            }

            return exit;
        }

        var keeping = keeper is not null ? keeper.RunAsync(ct) : Task.CompletedTask;
        try
        {
            return await KeepSvidAsync(keeper, ct);
        }
        finally
        {
            await keeping;
        }
    }

    private async Task<int> KeepSvidAsync(TokenKeeper? keeper, CancellationToken ct)
    {
        var failures = 0;
        DateTimeOffset? validUntil = null;
        while (!ct.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var (notBefore, notAfter) = await RenewAsync(ct);
                keeper?.SvidRenewed();
                var received = DateTimeOffset.UtcNow;
                failures = 0;
                validUntil = notAfter;
                if (options.Once)
                {
                    return ExitCodes.Ok;
                }

                var next = RenewalSchedule.NextRenewal(notBefore, notAfter, Random.Shared.NextDouble(), received);
                await log.WriteLineAsync($"SVID valid until {notAfter:u}; renewing at {next:u}");
                wait = Max(next - DateTimeOffset.UtcNow, TimeSpan.Zero);
            }
            catch (Exception e) when (e is CliException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                if (options.Once)
                {
                    // A refusal (policy, revoked credential) is a failed fetch like an unreachable server: exit 1.
                    throw new CliException($"Fetching the SVID failed: {e.Message}", ExitCodes.Failed);
                }

                failures++;
                var remaining = validUntil - DateTimeOffset.UtcNow;
                wait = RenewalSchedule.Backoff(failures, Random.Shared.NextDouble(), remaining > TimeSpan.Zero ? remaining : null);
                await log.WriteLineAsync($"renewal failed ({e.Message}); retry {failures} in {wait.TotalSeconds:0.0}s");
            }

            try
            {
                await Task.Delay(wait, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Checks the credential belongs to the identity; returns the identity's environment.</summary>
    private async Task<string> CheckIdentityAsync(CancellationToken ct)
    {
        var whoami = await api.GetAsync("/v1/whoami", ct);
        var identity = whoami?["identity"];
        if (identity is null)
        {
            throw new CliException("LANYARD_TOKEN is not a workload credential; give the agent an API key or access token of the identity.",
                ExitCodes.BadInput);
        }

        var id = identity["id"]?.GetValue<string>();
        var name = identity["name"]?.GetValue<string>();
        if (!string.Equals(options.Identity, id, StringComparison.OrdinalIgnoreCase) && options.Identity != name)
        {
            throw new CliException($"LANYARD_TOKEN belongs to identity {name} ({id}), not to '{options.Identity}'.", ExitCodes.BadInput);
        }

        return whoami!["environment"]?.GetValue<string>()
               ?? throw new CliException("The server did not say which environment the credential belongs to.", ExitCodes.Failed);
    }

    private async Task<(DateTimeOffset NotBefore, DateTimeOffset NotAfter)> RenewAsync(CancellationToken ct)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=lanyard-agent", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        object request = options.Ttl is null ? new { csr } : new { csr, ttl = options.Ttl };
        var issued = await api.PostAsync("/v1/svid/x509", request, timeout.Token)
                     ?? throw new CliException("The server answered without an SVID.", ExitCodes.Failed);

        var svid = issued["svid"]!.GetValue<string>();
        var chain = string.Concat(issued["chain"]!.AsArray().Select(c => c!.GetValue<string>()));
        await CertFiles.WriteAsync(options.Folder, SvidFiles.Key, key.ExportPkcs8PrivateKeyPem() + "\n", ct);
        await CertFiles.WriteAsync(options.Folder, SvidFiles.Certificate, svid + chain, ct);
        await CertFiles.WriteAsync(options.Folder, SvidFiles.Bundle, issued["bundle"]!.GetValue<string>(), ct);
        await RunCommandAsync(ct);
        if (options.Signal?.Send() is { } failed)
        {
            await log.WriteLineAsync(failed);
        }

        using var certificate = X509Certificate2.CreateFromPem(svid);
        await log.WriteLineAsync($"wrote SVID {issued["spiffeId"]} (serial {certificate.SerialNumber}) to {options.Folder}");
        return (new DateTimeOffset(certificate.NotBefore), new DateTimeOffset(certificate.NotAfter));
    }

    private async Task RunCommandAsync(CancellationToken ct)
    {
        if (options.Command is null)
        {
            return;
        }

        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(options.Command);
        using var process = Process.Start(start)
            ?? throw new CliException($"--exec '{options.Command}' could not start.", ExitCodes.Failed);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            await log.WriteLineAsync($"--exec command exited with {process.ExitCode}");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
