using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

public sealed class CertsScanTests(CliHarness harness) : IClassFixture<CliHarness>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-certs-scan-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
    }

    private static string SpkiFingerprint(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    private async Task<string> NewEnvironmentAsync()
    {
        var name = $"scan{Guid.NewGuid():N}"[..12];
        using var admin = harness.Client();
        (await admin.PostAsJsonAsync("/v1/environments", new { name })).EnsureSuccessStatusCode();
        return name;
    }

    private async Task<List<JsonObject>> CertificatesAsync(string environment)
    {
        using var admin = harness.Client();
        var page = (await admin.GetFromJsonAsync<JsonObject>($"/v1/credentials?environment={environment}&kind=certificate&limit=100"))!;
        return page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    [Fact]
    public async Task Scan_imports_certificates_from_pem_der_and_pkcs12_and_warns_about_files_it_cannot_open()
    {
        var environment = await NewEnvironmentAsync();
        var nested = Directory.CreateDirectory(Path.Combine(_folder, "etc", "ssl")).FullName;
        using var leaf = SelfSigned("api.example.com");
        using var ca = SelfSigned("Example Root");
        using var der = SelfSigned("db.example.com");
        using var pkcs12 = SelfSigned("queue.example.com");
        using var locked = SelfSigned("locked.example.com");
        using var leafKey = ECDsa.Create();
        await File.WriteAllTextAsync(Path.Combine(_folder, "api.pem"),
            leaf.ExportCertificatePem() + "\n" + leafKey.ExportPkcs8PrivateKeyPem() + "\n" + ca.ExportCertificatePem() + "\n");
        await File.WriteAllBytesAsync(Path.Combine(nested, "db.der"), der.RawData);
        await File.WriteAllBytesAsync(Path.Combine(nested, "queue.p12"), pkcs12.Export(X509ContentType.Pkcs12, "s3cret"));
        await File.WriteAllBytesAsync(Path.Combine(nested, "locked.p12"), locked.Export(X509ContentType.Pkcs12, "another"));
        await File.WriteAllBytesAsync(Path.Combine(nested, "cut.der"), der.RawData[..(der.RawData.Length / 2)]);
        await File.WriteAllTextAsync(Path.Combine(_folder, "README.txt"), "not a certificate\n");
        var passwordFile = Path.Combine(_folder, "password");
        await File.WriteAllTextAsync(passwordFile, "s3cret\n");

        var run = await harness.RunAsync("certs", "scan", _folder, "--env", environment, "--password-file", passwordFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"warning: {Path.Combine(nested, "locked.p12")}: PKCS#12 can't be opened: the password is wrong", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"warning: {Path.Combine(nested, "cut.der")}: the DER structure is truncated", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("README.txt", run.Stderr, StringComparison.Ordinal);
        var imported = await CertificatesAsync(environment);
        Assert.Equal(
            new[] { leaf, ca, der, pkcs12 }.Select(SpkiFingerprint).Order(StringComparer.Ordinal),
            imported.Select(c => c["fingerprint"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var fromP12 = imported.Single(c => c["fingerprint"]!.GetValue<string>() == SpkiFingerprint(pkcs12));
        Assert.Equal("queue.example.com", fromP12["name"]!.GetValue<string>());
        Assert.Equal(pkcs12.NotAfter.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            fromP12["expiresAt"]!.GetValue<DateTimeOffset>().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Scanning_the_same_files_again_updates_rather_than_duplicates_the_credentials()
    {
        var environment = await NewEnvironmentAsync();
        using var certificate = SelfSigned("twice.example.com");
        await File.WriteAllTextAsync(Path.Combine(_folder, "twice.crt"), certificate.ExportCertificatePem());

        var first = await harness.RunAsync("certs", "scan", _folder, "--env", environment);
        var second = await harness.RunAsync("certs", "scan", _folder, "--env", environment);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.Single(await CertificatesAsync(environment));
    }

    [Fact]
    public async Task A_pkcs12_without_a_password_file_is_a_warning_that_asks_for_one()
    {
        using var certificate = SelfSigned("nopass.example.com");
        var path = Path.Combine(_folder, "nopass.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, "secret"));

        var run = await harness.RunAsync("certs", "scan", _folder, "--env", "prod");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"warning: {path}: PKCS#12 can't be opened: it needs a password (--password-file)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("No certificates found.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_path_exits_2_naming_it()
    {
        var missing = Path.Combine(_folder, "nowhere");

        var run = await harness.RunAsync("certs", "scan", missing, "--env", "prod");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{missing}: no such file or folder", run.Stderr, StringComparison.Ordinal);
    }
}
