using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.EndToEnd.Tests;

/// <summary>
/// A TLS server as a workload runs one: it serves the SVID and chain the agent keeps in a folder,
/// and reloads them whenever the agent's post-renewal command touches the reload marker.
/// </summary>
public sealed class ReloadingTlsServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly FileSystemWatcher _watcher;
    private readonly string _certificatePath;
    private readonly string _keyPath;
    private readonly Task _accepting;
    private SslStreamCertificateContext _current;
    private int _reloads;

    public ReloadingTlsServer(string certificatePath, string keyPath, string reloadMarker)
    {
        _certificatePath = certificatePath;
        _keyPath = keyPath;
        _current = Load();
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(reloadMarker)!, Path.GetFileName(reloadMarker))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Reload();
        _watcher.Created += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Reloads => Volatile.Read(ref _reloads);

    /// <summary>Reload failures: a pair that did not load, which would be a half-written or mismatched file.</summary>
    public List<string> Errors { get; } = [];

    private void Reload()
    {
        try
        {
            Volatile.Write(ref _current, Load());
            Interlocked.Increment(ref _reloads);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            lock (Errors)
            {
                Errors.Add(e.Message);
            }
        }
    }

    private SslStreamCertificateContext Load()
    {
        var leaf = X509Certificate2.CreateFromPemFile(_certificatePath, _keyPath);
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(_certificatePath);
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in all.Skip(1))
        {
            intermediates.Add(certificate);
        }

        return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = Volatile.Read(ref _current) }, _stop.Token);
                await tls.WriteAsync("ok"u8.ToArray(), _stop.Token);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
            {
                // The client decides what a failed handshake means.
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _watcher.Dispose();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }
}
