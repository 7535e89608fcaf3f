using System.Security.Cryptography.X509Certificates;
using Lanyard.Pki;
using Lanyard.Store;

namespace Lanyard.Server.Hosting;

/// <summary>
/// The system CA and the server's TLS certificate: created on first start, reused after, and the
/// server certificate renewed when it enters its last third or lacks a name.
/// </summary>
internal sealed class SystemTrust(SystemSecretStore secrets, TimeProvider time)
{
    private const string CaSecret = "system-ca";
    private const string ServerSecret = "server-tls";

    public X509Certificate2 Root { get; private set; } = null!;

    public X509Certificate2 ServerCertificate { get; private set; } = null!;

    public bool RootCreated { get; private set; }

    /// <summary>
    /// Writes ca.pem only when it differs, through a temporary file renamed over it, so a client that
    /// reads it while the server restarts never sees an empty or half-written certificate.
    /// </summary>
    private static async Task PublishCaAsync(string path, string pem, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) == pem)
        {
            return;
        }

        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, pem, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task LoadOrCreateAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Root = await LoadAsync(CaSecret, cancellationToken) ?? await CreateRootAsync(now, cancellationToken);
        await PublishCaAsync(settings.CaCertificatePath, Root.ExportCertificatePem() + "\n", cancellationToken);

        var names = ServerNames(settings);
        var server = await LoadAsync(ServerSecret, cancellationToken);
        if (server is null || SystemCertificates.NeedsRenewal(server, names, now) || !IssuedByRoot(server))
        {
            server?.Dispose();
            server = SystemCertificates.IssueServer(Root, names, now);
            await secrets.WriteAsync(ServerSecret, System.Text.Encoding.UTF8.GetBytes(ToPem(server)), cancellationToken);
        }

        ServerCertificate = server;
    }

    private async Task<X509Certificate2> CreateRootAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var root = SystemCertificates.CreateRoot("Lanyard System CA", now);
        await secrets.WriteAsync(CaSecret, System.Text.Encoding.UTF8.GetBytes(ToPem(root)), cancellationToken);
        RootCreated = true;
        return root;
    }

    private async Task<X509Certificate2?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var pem = await secrets.ReadAsync(name, cancellationToken);
        if (pem is null)
        {
            return null;
        }

        var text = System.Text.Encoding.UTF8.GetString(pem);
        return X509Certificate2.CreateFromPem(text, text);
    }

    private bool IssuedByRoot(X509Certificate2 server) => server.IssuerName.RawData.AsSpan().SequenceEqual(Root.SubjectName.RawData);

    private static string ToPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("System certificates carry ECDSA keys.");
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    private static List<string> ServerNames(ServerSettings settings)
    {
        var names = new List<string> { "localhost", "127.0.0.1", "::1" };
        names.AddRange(settings.ExtraServerNames);
        return names;
    }
}
