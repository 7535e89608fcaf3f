using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lanyard.Cli.Commands;
using Lanyard.Cli.Http;

namespace Lanyard.Cli.Agent;

/// <summary>The OAuth2 client whose access token the agent keeps in a file.</summary>
/// <param name="File">Where the bare access token is written (mode 0600), as Vault Agent's file sink does.</param>
/// <param name="ClientId">The client's id.</param>
/// <param name="SecretFile">
/// The file holding the client secret, read once at start; null for a <c>tls_client_auth</c>
/// client, which authenticates with the SVID the agent keeps.
/// </param>
/// <param name="Scope">The scopes to ask for, or null for the client's own.</param>
internal sealed record TokenOptions(string File, string ClientId, string? SecretFile, string? Scope);

/// <summary>
/// Keeps an OAuth2 access token fresh in a file: the client credentials grant against the
/// environment's token endpoint, the token written through a temporary file and a rename, renewal
/// at half its lifetime with jitter, and retries with backoff that never sleeps past the current
/// token's expiry. With a secret the client uses <c>client_secret_basic</c>; without one it
/// presents the agent's current SVID over mutual TLS (RFC 8705 <c>tls_client_auth</c>), and since
/// that token is bound to the certificate, a new one is fetched after every SVID renewal.
/// </summary>
internal sealed class TokenKeeper(ApiClient api, TokenOptions options, string environment, string? secret,
    string svidFolder, TextWriter log)
    : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _svidRenewed = new(0, 1);

    private bool MutualTls => secret is null;

    public void Dispose() => _svidRenewed.Dispose();

    /// <summary>Tells a mutual-TLS keeper that a new SVID is on disk, so its bound token is replaced now.</summary>
    public void SvidRenewed()
    {
        if (MutualTls && _svidRenewed.CurrentCount == 0)
        {
            _svidRenewed.Release();
        }
    }

    /// <summary>Reads the secret file; a missing or empty file is bad input naming the file.</summary>
    public static string ReadSecret(string path)
    {
        string secret;
        try
        {
            secret = System.IO.File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--client-secret-file {path}: can't be read ({e.Message}).", ExitCodes.BadInput);
        }

        return secret.Length > 0 ? secret : throw new CliException($"--client-secret-file {path} is empty.", ExitCodes.BadInput);
    }

    /// <summary>Fetches one token and writes it; returns when it expires.</summary>
    public async Task<(DateTimeOffset Received, DateTimeOffset ExpiresAt)> RefreshAsync(CancellationToken ct)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (options.Scope is not null)
        {
            form["scope"] = options.Scope;
        }

        if (MutualTls)
        {
            form["client_id"] = options.ClientId;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/oauth2/{Uri.EscapeDataString(environment)}/token")
        {
            Content = new FormUrlEncodedContent(form),
        };
        if (secret is not null)
        {
            var basic = $"{Uri.EscapeDataString(options.ClientId)}:{Uri.EscapeDataString(secret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        var answer = await SendAsync(request, timeout.Token)
                     ?? throw new CliException("The token endpoint answered without a token.", ExitCodes.Failed);
        var token = answer["access_token"]?.GetValue<string>()
            ?? throw new CliException("The token endpoint answered without access_token.", ExitCodes.Failed);
        var lifetime = TimeSpan.FromSeconds(answer["expires_in"]?.GetValue<int>() ?? 0);
        var received = DateTimeOffset.UtcNow;
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.File))!;
        CertFiles.EnsureFolder(folder);
        await CertFiles.WriteAsync(folder, Path.GetFileName(options.File), token, ct);
        await log.WriteLineAsync($"wrote an access token for client {options.ClientId} to {options.File}, valid "
            + $"{lifetime.TotalSeconds:0}s");
        return (received, received + lifetime);
    }

    /// <summary>Keeps the token fresh until cancelled; a mutual-TLS keeper starts once the first SVID is on disk.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        DateTimeOffset? validUntil = null;
        if (MutualTls && !await WaitForSvidAsync(Timeout.InfiniteTimeSpan, ct))
        {
            return;
        }

        while (!ct.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var (received, expiresAt) = await RefreshAsync(ct);
                failures = 0;
                validUntil = expiresAt;
                wait = RenewalSchedule.NextRenewal(received, expiresAt, Random.Shared.NextDouble()) - DateTimeOffset.UtcNow;
            }
            catch (Exception e) when (e is CliException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                failures++;
                var remaining = validUntil - DateTimeOffset.UtcNow;
                wait = RenewalSchedule.Backoff(failures, Random.Shared.NextDouble(), remaining > TimeSpan.Zero ? remaining : null);
                await log.WriteLineAsync($"token refresh failed ({e.Message}); retry {failures} in {wait.TotalSeconds:0.0}s");
            }

            if (MutualTls)
            {
                // A renewed SVID ends the current token's use, so it cuts the wait short.
                await WaitForSvidAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, ct);
            }
            else
            {
                try
                {
                    await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> for a renewed SVID; false when cancelled or none came.</summary>
    private async Task<bool> WaitForSvidAsync(TimeSpan wait, CancellationToken ct)
    {
        try
        {
            return await _svidRenewed.WaitAsync(wait, ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>With a secret, over the agent's connection; without, over one that presents the current SVID.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode?> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (!MutualTls)
        {
            return await api.SendAsync(request, ct);
        }

        using var svid = LoadSvid();
        using var http = ServerConnection.Create(svid, withToken: false);
        return await new ApiClient(http).SendAsync(request, ct);
    }

    private X509Certificate2 LoadSvid()
    {
        var certificate = Path.Combine(svidFolder, SvidFiles.Certificate);
        var key = Path.Combine(svidFolder, SvidFiles.Key);
        try
        {
            return X509Certificate2.CreateFromPemFile(certificate, key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliException($"{certificate}: the SVID to authenticate with can't be read ({e.Message}).", ExitCodes.Failed);
        }
    }
}
