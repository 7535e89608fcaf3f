using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

/// <summary><c>lanyard ca</c> and <c>lanyard certs watch</c> against a running server.</summary>
public sealed class CaCommandTests(CliHarness harness) : IClassFixture<CliHarness>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-ca-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> NewEnvironmentAsync()
    {
        var name = $"ca{Guid.NewGuid():N}"[..12];
        using var admin = harness.Client();
        (await admin.PostAsJsonAsync("/v1/environments", new { name })).EnsureSuccessStatusCode();
        return name;
    }

    private static X509Certificate2 Root(RSA key)
    {
        var request = new CertificateRequest("CN=Corp Root CA, O=Corp", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    [Fact]
    public async Task An_imported_root_replaces_the_issuer_and_a_rotation_gives_a_new_intermediate_under_it()
    {
        var environment = await NewEnvironmentAsync();
        using var key = RSA.Create(2048);
        using var root = Root(key);
        await File.WriteAllTextAsync(Path.Combine(_folder, "root.pem"), root.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(_folder, "root.key"), key.ExportPkcs8PrivateKeyPem());
        var generated = await harness.RunAsync("ca", "show", environment, "--format", "json");

        var imported = await harness.RunAsync("ca", "import", environment, "--cert", Path.Combine(_folder, "root.pem"),
            "--key", Path.Combine(_folder, "root.key"), "--format", "json");
        var rotated = await harness.RunAsync("ca", "rotate-intermediate", environment, "--format", "json");

        Assert.True(imported.ExitCode == 0 && rotated.ExitCode == 0, imported + "\n" + rotated);
        var before = JsonNode.Parse(generated.Stdout)!;
        var afterImport = JsonNode.Parse(imported.Stdout)!;
        var afterRotation = JsonNode.Parse(rotated.Stdout)!;
        Assert.Equal("generated", before["origin"]!.GetValue<string>());
        Assert.Equal("imported-root", afterImport["origin"]!.GetValue<string>());
        Assert.Equal(root.Subject, afterImport["root"]!["subject"]!.GetValue<string>());
        Assert.Equal(2, afterImport["bundleRoots"]!.GetValue<int>());
        Assert.NotEqual(afterImport["intermediate"]!["keyId"]!.GetValue<string>(), afterRotation["intermediate"]!["keyId"]!.GetValue<string>());
        Assert.Equal(2, afterRotation["retired"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_pkcs12_with_a_wrong_password_exits_2_naming_the_password_and_changes_nothing()
    {
        var environment = await NewEnvironmentAsync();
        using var key = RSA.Create(2048);
        using var root = Root(key);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "root.p12"), root.Export(X509ContentType.Pkcs12, "right"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "password"), "wrong\n");
        var before = await harness.RunAsync("ca", "show", environment, "--format", "json");

        var run = await harness.RunAsync("ca", "import", environment, "--pkcs12", Path.Combine(_folder, "root.p12"),
            "--password-file", Path.Combine(_folder, "password"));
        var after = await harness.RunAsync("ca", "show", environment, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("password is wrong", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(JsonNode.Parse(before.Stdout)!["intermediate"]!.ToJsonString(), JsonNode.Parse(after.Stdout)!["intermediate"]!.ToJsonString());
    }

    [Fact]
    public async Task Watched_endpoints_are_added_listed_and_removed()
    {
        var environment = await NewEnvironmentAsync();

        var added = await harness.RunAsync("certs", "watch", "add", "api.example.com:8443", "--env", environment, "--format", "json");
        var listed = await harness.RunAsync("certs", "watch", "list", "--env", environment, "--format", "json");
        var bad = await harness.RunAsync("certs", "watch", "add", "api.example.com", "--env", environment);
        var id = JsonNode.Parse(added.Stdout)!["id"]!.GetValue<string>();
        var removed = await harness.RunAsync("certs", "watch", "remove", id);
        var after = await harness.RunAsync("certs", "watch", "list", "--env", environment, "--format", "json");

        Assert.True(added.ExitCode == 0 && removed.ExitCode == 0, added + "\n" + removed);
        Assert.Equal("api.example.com:8443", JsonNode.Parse(listed.Stdout)!.AsArray().Single()!["target"]!.GetValue<string>());
        Assert.Equal(2, bad.ExitCode);
        Assert.Empty(JsonNode.Parse(after.Stdout)!.AsArray());
    }
}
