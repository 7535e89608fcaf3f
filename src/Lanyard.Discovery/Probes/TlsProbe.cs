using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Pki;
using Lanyard.Pki.Inspection;

namespace Lanyard.Discovery.Probes;

/// <summary>
/// Connects to a TLS endpoint, completes a handshake within a deadline, and judges the certificate
/// it presents. The handshake accepts any certificate so a bad one can be described rather than
/// merely refused; the judgement is <see cref="CertificateInspector"/>'s.
/// </summary>
public static class TlsProbe
{
    /// <param name="host">Host name or address.</param>
    /// <param name="port">TCP port.</param>
    /// <param name="serverName">The SNI and hostname to check, or null for <paramref name="host"/>.</param>
    /// <param name="trustedRoots">Roots to trust instead of the system's, or null.</param>
    /// <param name="timeout">For connecting and the handshake together.</param>
    /// <param name="now">The time to judge at.</param>
    /// <param name="renewalWindow">A certificate this close to expiry is expiring.</param>
    /// <param name="cancellationToken">Stops the probe.</param>
    public static async Task<TlsProbeResult> ProbeAsync(
        string host, int port, string? serverName, X509Certificate2Collection? trustedRoots, TimeSpan timeout, DateTimeOffset now,
        TimeSpan renewalWindow, CancellationToken cancellationToken = default)
    {
        var target = $"{host}:{port}";
        var name = serverName ?? host;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        X509Certificate2? leaf = null;
        var presented = new X509Certificate2Collection();
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, deadline.Token);
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            // The probe sends nothing over the connection; it only reads the certificate, and a bad
            // one must get through the handshake to be described. The judgement comes after.
#pragma warning disable CA5359
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = name,
                RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                {
                    leaf = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    foreach (var extra in chain?.ChainPolicy.ExtraStore ?? [])
                    {
                        presented.Add(X509CertificateLoader.LoadCertificate(extra.RawData));
                    }

                    return true;
                },
            };
#pragma warning restore CA5359
            await tls.AuthenticateAsClientAsync(options, deadline.Token);
            if (leaf is null)
            {
                return new TlsProbeResult(target) { Error = "the server completed the handshake without a certificate" };
            }

            return Describe(target, tls.SslProtocol.ToString(), leaf, presented, name, trustedRoots, now, renewalWindow);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TlsProbeResult(target) { Error = $"no TLS handshake within {timeout.TotalSeconds:0.#}s" };
        }
        catch (SocketException e)
        {
            return new TlsProbeResult(target) { Error = $"can't connect: {e.Message}" };
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return new TlsProbeResult(target) { Error = $"the port does not speak TLS or broke off the handshake: {e.Message}" };
        }
        finally
        {
            leaf?.Dispose();
            foreach (var certificate in presented)
            {
                certificate.Dispose();
            }
        }
    }

    private static TlsProbeResult Describe(
        string target, string protocol, X509Certificate2 leaf, X509Certificate2Collection presented, string name,
        X509Certificate2Collection? roots, DateTimeOffset now, TimeSpan renewalWindow)
    {
        var others = new X509Certificate2Collection();
        others.AddRange(presented.Where(c => c.Thumbprint != leaf.Thumbprint).ToArray());
        var names = SubjectAlternativeNames.Of(leaf);
        var key = KeyFacts.Of(leaf.PublicKey);
        return new TlsProbeResult(target)
        {
            Protocol = protocol,
            Subject = leaf.Subject,
            Issuer = leaf.Issuer,
            NotAfter = new DateTimeOffset(leaf.NotAfter),
            DnsNames = names.DnsNames,
            Uris = names.Uris,
            KeyAlgorithm = key.Algorithm,
            KeySize = key.Size,
            SignatureAlgorithm = leaf.SignatureAlgorithm.FriendlyName ?? leaf.SignatureAlgorithm.Value,
            Fingerprint = key.Fingerprint,
            SerialNumber = leaf.SerialNumber,
            ChainLength = others.Count + 1,
            Problems = CertificateInspector.Inspect(leaf, others, name, roots, now, renewalWindow),
        };
    }
}
