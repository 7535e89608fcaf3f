using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Discovery.Probes;
using Lanyard.Pki;
using Lanyard.Pki.Spiffe;

namespace Lanyard.Discovery.Tests.Probes;

/// <summary>Probes against real sockets on loopback: a TLS server, a plain-text server, and one that never answers.</summary>
public sealed class TlsProbeTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly EnvironmentCa _ca;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public TlsProbeTests()
    {
        _ca = EnvironmentCa.Create("prod", "prod.lanyard.internal", "https://lanyard.test", _now.AddDays(-1));
        _listener.Start();
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _ca.Dispose();
        _stop.Dispose();
    }

    private X509Certificate2 Leaf(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = LeafIssuer.Issue(_ca, new PublicKey(key),
            new LeafProfile(new SpiffeId("prod.lanyard.internal", "/web"), [name], name, TimeSpan.FromDays(90)), "https://lanyard.test/x.crl", _now);
        using var withKey = leaf.CopyWithPrivateKey(key);
        // A certificate with an ephemeral key can't serve TLS on every platform; a PKCS#12 round trip makes it a real one.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private void ServeTls(X509Certificate2 certificate) => _ = Task.Run(async () =>
    {
        using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
        await using var tls = new SslStream(client.GetStream());
        var context = SslStreamCertificateContext.Create(certificate, [_ca.Intermediate], offline: true);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = context }, _stop.Token);
        await Task.Delay(Timeout.Infinite, _stop.Token);
    });

    [Fact]
    public async Task A_healthy_endpoint_shows_its_certificate_and_chain_without_problems()
    {
        using var certificate = Leaf("localhost");
        ServeTls(certificate);

        var result = await TlsProbe.ProbeAsync("127.0.0.1", Port, "localhost", [_ca.Root], TimeSpan.FromSeconds(10), _now, Window);

        Assert.True(result.Healthy, result.Error ?? string.Join("; ", result.Problems.Select(p => p.Detail)));
        Assert.Equal(["localhost"], result.DnsNames);
        Assert.Equal(["spiffe://prod.lanyard.internal/web"], result.Uris);
        Assert.Equal(2, result.ChainLength);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo())), result.Fingerprint);
    }

    [Fact]
    public async Task The_wrong_name_and_an_unknown_root_are_problems()
    {
        using var certificate = Leaf("web.internal");
        using var other = EnvironmentCa.Create("dev", "dev.lanyard.internal", "https://lanyard.test", _now.AddDays(-1));
        ServeTls(certificate);

        var result = await TlsProbe.ProbeAsync("127.0.0.1", Port, "api.internal", [other.Root], TimeSpan.FromSeconds(10), _now, Window);

        Assert.Equal(["hostname-mismatch", "untrusted-issuer"], result.Problems.Select(p => p.Kind));
    }

    [Fact]
    public async Task A_port_that_speaks_no_tls_is_an_error_with_the_reason()
    {
        _ = Task.Run(async () =>
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await client.GetStream().WriteAsync("HTTP/1.0 400 Bad Request\r\n\r\n"u8.ToArray(), _stop.Token);
            client.Client.Shutdown(SocketShutdown.Both);
        });

        var result = await TlsProbe.ProbeAsync("127.0.0.1", Port, null, null, TimeSpan.FromSeconds(10), _now, Window);

        Assert.Contains("does not speak TLS", result.Error, StringComparison.Ordinal);
        Assert.False(result.Healthy);
    }

    [Fact]
    public async Task A_handshake_that_never_finishes_times_out()
    {
        _ = Task.Run(async () =>
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await Task.Delay(Timeout.Infinite, _stop.Token);
        });

        var result = await TlsProbe.ProbeAsync("127.0.0.1", Port, null, null, TimeSpan.FromMilliseconds(300), _now, Window);

        Assert.Equal("no TLS handshake within 0.3s", result.Error);
    }
}
