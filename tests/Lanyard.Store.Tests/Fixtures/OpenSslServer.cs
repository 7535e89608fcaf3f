using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Store.Tests.Fixtures;

/// <summary>
/// <c>openssl s_server</c> on a loopback port with security level 0, for certificates .NET refuses to
/// serve (RSA-1024) but that legacy servers still present and a probe must describe.
/// </summary>
internal sealed class OpenSslServer : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-s_server-").FullName;
    private readonly Process _process;

    public OpenSslServer(X509Certificate2 certificate, string keyPem, X509Certificate2 intermediate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(intermediate);
        File.WriteAllText(Path.Combine(_folder, "chain.pem"), intermediate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "key.pem"), keyPem);
        var free = new TcpListener(IPAddress.Loopback, 0);
        free.Start();
        Port = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();
        var info = new ProcessStartInfo("openssl")
        {
            WorkingDirectory = _folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var arg in new[] { "s_server", "-accept", $"127.0.0.1:{Port}", "-cert", "cert.pem", "-key", "key.pem", "-cert_chain", "chain.pem", "-cipher", "DEFAULT@SECLEVEL=0", "-quiet" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        WaitUntilListening();
    }

    public int Port { get; }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void WaitUntilListening()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"openssl s_server did not listen on {Port}: {_process.StandardError.ReadToEnd()}");
    }
}
