using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Cli.Certs;

namespace Lanyard.Cli.Tests;

/// <summary>
/// Java keystores written by the JDK's own keytool (scripts/install-test-deps.sh installs it),
/// read by <c>lanyard certs scan</c>'s finder.
/// </summary>
public sealed class JavaKeyStoreTests : IDisposable
{
    private const string Password = "changeit";
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-keystores-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task KeytoolAsync(params string[] args)
    {
        var info = new ProcessStartInfo("keytool") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"keytool {string.Join(' ', args)}: {output}");
    }

    /// <summary>A keystore with a key pair (its self-signed certificate) and a trusted certificate, both made by keytool.</summary>
    private async Task<(string Path, string KeyPairPem, string TrustedPem)> KeystoreAsync(string type)
    {
        var path = Path.Combine(_folder, $"app.{type.ToLowerInvariant()}");
        await KeytoolAsync("-genkeypair", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=web.example.com",
            "-validity", "90", "-storetype", type, "-keystore", path, "-storepass", Password, "-keypass", Password);
        await KeytoolAsync("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Partner Root",
            "-validity", "365", "-storetype", "PKCS12", "-keystore", Path.Combine(_folder, $"partner-{type}.p12"), "-storepass", Password);
        await KeytoolAsync("-exportcert", "-rfc", "-alias", "ca", "-keystore", Path.Combine(_folder, $"partner-{type}.p12"),
            "-storepass", Password, "-file", Path.Combine(_folder, $"partner-{type}.pem"));
        await KeytoolAsync("-importcert", "-noprompt", "-alias", "partner", "-file", Path.Combine(_folder, $"partner-{type}.pem"),
            "-storetype", type, "-keystore", path, "-storepass", Password);
        await KeytoolAsync("-exportcert", "-rfc", "-alias", "web", "-storetype", type, "-keystore", path, "-storepass", Password,
            "-file", Path.Combine(_folder, $"web-{type}.pem"));
        return (path, await File.ReadAllTextAsync(Path.Combine(_folder, $"web-{type}.pem")),
            await File.ReadAllTextAsync(Path.Combine(_folder, $"partner-{type}.pem")));
    }

    private static string[] Thumbprints(IEnumerable<string> pems) =>
        [.. pems.Select(p => X509Certificate2.CreateFromPem(p).Thumbprint).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("JKS")]
    [InlineData("JCEKS")]
    public async Task Both_certificates_of_a_keytool_keystore_are_found_with_its_password(string type)
    {
        var (path, keyPair, trusted) = await KeystoreAsync(type);

        var found = CertificateFinder.Read(path, Password)!;

        Assert.Equal(type, found.Format);
        Assert.Null(found.Warning);
        Assert.Equal(Thumbprints([keyPair, trusted]), Thumbprints(found.CertificatesPem));
    }

    [Theory]
    [InlineData("JKS")]
    [InlineData("JCEKS")]
    public async Task A_wrong_password_is_a_warning_and_finds_nothing(string type)
    {
        var (path, _, _) = await KeystoreAsync(type);

        var found = CertificateFinder.Read(path, "not-the-password")!;

        Assert.Empty(found.CertificatesPem);
        Assert.Contains("password is wrong", found.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_password_the_certificates_are_read_with_a_warning_that_integrity_was_not_checked()
    {
        var (path, keyPair, trusted) = await KeystoreAsync("JKS");

        var found = CertificateFinder.Read(path, password: null)!;

        Assert.Equal(Thumbprints([keyPair, trusted]), Thumbprints(found.CertificatesPem));
        Assert.Contains("integrity was not checked", found.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jceks_holding_secret_keys_is_a_warning_naming_why()
    {
        var path = Path.Combine(_folder, "secrets.jceks");
        await KeytoolAsync("-genseckey", "-alias", "aes", "-keyalg", "AES", "-keysize", "128", "-storetype", "JCEKS",
            "-keystore", path, "-storepass", Password, "-keypass", Password);

        var found = CertificateFinder.Read(path, Password)!;

        Assert.Empty(found.CertificatesPem);
        Assert.Contains("secret-key entries", found.Warning, StringComparison.Ordinal);
    }
}
