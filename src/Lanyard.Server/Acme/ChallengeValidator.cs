using System.Formats.Asn1;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lanyard.Acme;
using Lanyard.Pki;
using Lanyard.Server.Hosting;
using Lanyard.Store.Acme;

namespace Lanyard.Server.Acme;

/// <summary>
/// Proves control of a name the way RFC 8555 section 8.3 and RFC 8737 say: http-01 fetches
/// <c>http://NAME/.well-known/acme-challenge/TOKEN</c> on the configured port and follows at most
/// ten redirects, each to the same name over http or https; tls-alpn-01 opens TLS with the
/// <c>acme-tls/1</c> protocol and checks the self-signed certificate's acmeIdentifier. Each
/// validation has one time limit for everything it does. The outcome is null, or the problem.
/// </summary>
internal sealed class ChallengeValidator : IDisposable
{
    private const int MaxRedirects = 10;
    private const int MaxBodyBytes = 8 * 1024;
    private const string AcmeIdentifierOid = "1.3.6.1.5.5.7.1.31";
    private static readonly SslApplicationProtocol AcmeTls = new("acme-tls/1");

    private readonly AcmeSettings _settings;
    private readonly HttpClient _http;

    public ChallengeValidator(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Acme;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = ConnectAsync,
            // RFC 8555 section 8.3: a redirect to https is followed without checking the certificate,
            // as the answer itself is the proof and workloads proving control often have none yet.
#pragma warning disable CA5359
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
        }) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Lanyard-ACME-Validation/1");
    }

    public async Task<AcmeProblem?> ValidateAsync(string type, string name, string token, string keyAuthorization,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.ValidationTimeout);
        try
        {
            return type == AcmeChallenge.Http01
                ? await Http01Async(name, token, keyAuthorization, timeout.Token)
                : await TlsAlpn01Async(name, keyAuthorization, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AcmeProblem.Connection($"Validating {name} took longer than {_settings.ValidationTimeout.TotalSeconds:0} seconds.");
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException
            or System.Security.Authentication.AuthenticationException)
        {
            return AcmeProblem.Connection($"Could not reach {name} for {type}: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<AcmeProblem?> Http01Async(string name, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://{name}:{_settings.HttpChallengePort}/.well-known/acme-challenge/{token}");
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (next.Scheme is not ("http" or "https") || !string.Equals(next.Host, name, StringComparison.OrdinalIgnoreCase))
                {
                    return AcmeProblem.Connection($"{url} redirects to {next}, off {name}; http-01 follows redirects "
                        + "only on the same name.");
                }

                url = next;
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return AcmeProblem.IncorrectResponse($"{url} answered {(int)response.StatusCode}, not 200 with the key authorization.");
            }

            var body = await ReadLimitedAsync(response, cancellationToken);
            return body.TrimEnd() == keyAuthorization
                ? null
                : AcmeProblem.IncorrectResponse($"{url} answered, but not with the key authorization for this challenge and account.");
        }

        return AcmeProblem.Connection($"http-01 for {name} was redirected more than {MaxRedirects} times.");
    }

    private async Task<AcmeProblem?> TlsAlpn01Async(string name, string keyAuthorization, CancellationToken cancellationToken)
    {
        using var socket = await OpenAsync(name, _settings.TlsAlpnChallengePort, cancellationToken);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = name,
            ApplicationProtocols = [AcmeTls],
            // RFC 8737: the certificate is self-signed and checked below, not against a trust store.
#pragma warning disable CA5359
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
        }, cancellationToken);
        if (tls.NegotiatedApplicationProtocol != AcmeTls || tls.RemoteCertificate is null)
        {
            return AcmeProblem.IncorrectResponse($"{name} did not negotiate the acme-tls/1 protocol.");
        }

        using var certificate = new X509Certificate2(tls.RemoteCertificate);
        var names = SubjectAlternativeNames.Of(certificate);
        if (names.DnsNames.Count != 1 || !string.Equals(names.DnsNames[0], name, StringComparison.OrdinalIgnoreCase)
            || names.Uris.Count + names.IpAddresses.Count + names.Others.Count > 0)
        {
            return AcmeProblem.IncorrectResponse($"The acme-tls/1 certificate of {name} must name exactly {name}.");
        }

        var extension = certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == AcmeIdentifierOid);
        var expected = SHA256.HashData(Encoding.ASCII.GetBytes(keyAuthorization));
        byte[]? digest = null;
        try
        {
            digest = extension is { Critical: true } ? AsnDecoder.ReadOctetString(extension.RawData, AsnEncodingRules.DER, out _) : null;
        }
        catch (AsnContentException)
        {
        }

        return digest is not null && CryptographicOperations.FixedTimeEquals(digest, expected)
            ? null
            : AcmeProblem.IncorrectResponse($"The acme-tls/1 certificate of {name} lacks the critical acmeIdentifier "
                + "of this key authorization.");
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = await OpenAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private async Task<Socket> OpenAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = _settings.ResolveToLoopback ? [IPAddress.Loopback] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
