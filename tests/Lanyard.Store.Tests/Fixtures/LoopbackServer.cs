using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Store.Tests.Fixtures;

/// <summary>
/// A real server on a loopback port: one that completes TLS handshakes with a given certificate,
/// one that answers in plain text, or one that accepts and then says nothing.
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    private LoopbackServer(Func<TcpClient, CancellationToken, Task> serve)
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            await serve(client, _stop.Token);
                        }
                        catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
                        {
                            // The probe hung up or the test ended.
                        }
                    }
                });
            }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static LoopbackServer Tls(X509Certificate2 certificate, params X509Certificate2[] chain) => new(async (client, ct) =>
    {
        await using var tls = new SslStream(client.GetStream());
        var context = SslStreamCertificateContext.Create(certificate, [.. chain], offline: true);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = context }, ct);
        _ = await tls.ReadAsync(new byte[1], ct).ConfigureAwait(false);
    });

    public static LoopbackServer PlainText() => new(async (client, ct) =>
    {
        await client.GetStream().WriteAsync("HTTP/1.0 400 Bad Request\r\n\r\n"u8.ToArray(), ct);
        client.Client.Shutdown(SocketShutdown.Both);
    });

    public static LoopbackServer Silent() => new((_, ct) => Task.Delay(Timeout.Infinite, ct));

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
