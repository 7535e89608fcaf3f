using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Cli.Http;

/// <summary>
/// How the CLI reaches a server: <c>LANYARD_ADDR</c> (default https://127.0.0.1:8443),
/// <c>LANYARD_TOKEN</c>, and the CA it trusts: <c>LANYARD_CACERT</c>, or <c>ca.pem</c> in the data folder.
/// </summary>
internal static class ServerConnection
{
    public const string DefaultAddress = "https://127.0.0.1:8443";

    /// <param name="clientCertificate">Presented in the TLS handshake when set, for mutual-TLS client authentication.</param>
    /// <param name="withToken">Whether requests carry <c>LANYARD_TOKEN</c> as their bearer token.</param>
    public static HttpClient Create(X509Certificate2? clientCertificate = null, bool withToken = true)
    {
        var address = Environment.GetEnvironmentVariable("LANYARD_ADDR") is { Length: > 0 } addr ? addr : DefaultAddress;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new CliException($"LANYARD_ADDR '{address}' is not an http or https URL.", ExitCodes.BadInput);
        }

        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (baseAddress.Scheme == "https" && LoadTrustedRoot() is { } root)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, root),
            };
        }

        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(30) };
        if (withToken && Environment.GetEnvironmentVariable("LANYARD_TOKEN") is { Length: > 0 } token)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static X509Certificate2? LoadTrustedRoot()
    {
        var path = Environment.GetEnvironmentVariable("LANYARD_CACERT") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetEnvironmentVariable("LANYARD_DATA") is { Length: > 0 } data ? data : ".lanyard", "ca.pem");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new CliException($"{path} is not a PEM certificate: {e.Message}", ExitCodes.BadInput);
        }
    }

    /// <summary>Accepts the server only when its chain ends at the configured root and its name matches.</summary>
    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 root)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
