using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

public sealed class CertCommandTests(CliHarness harness) : IClassFixture<CliHarness>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-cert-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Cert_issue_with_out_writes_owner_only_files_whose_key_matches_the_certificate()
    {
        var identity = await harness.CreateIdentityAsync("staging");
        var output = Path.Combine(_folder, "tls");

        var run = await harness.RunAsync("cert", "issue", identity, "--dns", "orders.internal", "--dns", "orders", "--out", output, "--ttl", "7d");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(output, "cert.pem"), Path.Combine(output, "key.pem"));
        Assert.True(certificate.HasPrivateKey);
        Assert.True(certificate.MatchesHostname("orders.internal", allowWildcards: false, allowCommonName: false));
        Assert.True(certificate.MatchesHostname("orders", allowWildcards: false, allowCommonName: false));
        Assert.InRange(certificate.NotAfter - certificate.NotBefore, TimeSpan.FromDays(7), TimeSpan.FromDays(7).Add(TimeSpan.FromMinutes(1)));
        foreach (var file in new[] { "cert.pem", "key.pem", "chain.pem", "bundle.pem" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(output, file)));
        }

        Assert.DoesNotContain("PRIVATE KEY", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cert_issue_with_a_csr_certifies_that_key_and_prints_the_certificate()
    {
        var identity = await harness.CreateIdentityAsync("dev");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var csrPath = Path.Combine(_folder, "req.pem");
        await File.WriteAllTextAsync(csrPath, new CertificateRequest("CN=web", key, HashAlgorithmName.SHA384).CreateSigningRequestPem());

        var run = await harness.RunAsync("cert", "issue", identity, "--dns", "web.dev.internal", "--csr", csrPath, "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var issued = JsonNode.Parse(run.Stdout)!;
        using var certificate = X509Certificate2.CreateFromPem(issued["certificate"]!.GetValue<string>());
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), certificate.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Null(issued["privateKey"]);
        Assert.Equal("EC", issued["credential"]!["keyAlgorithm"]!.GetValue<string>());
        Assert.Equal(384, issued["credential"]!["keySize"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cert_issue_without_csr_or_out_exits_2()
    {
        var identity = await harness.CreateIdentityAsync();

        var run = await harness.RunAsync("cert", "issue", identity, "--dns", "a.internal");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--csr FILE", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cert_issue_for_a_name_that_is_no_dns_name_exits_2_naming_it()
    {
        var identity = await harness.CreateIdentityAsync();

        var run = await harness.RunAsync("cert", "issue", identity, "--dns", "bad_name!", "--out", Path.Combine(_folder, "x"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'bad_name!' is not a DNS name", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "x", "cert.pem")));
    }

    [Fact]
    public async Task A_certificate_revoked_with_lanyard_revoke_appears_in_its_environments_crl()
    {
        var identity = await harness.CreateIdentityAsync("prod");
        var output = Path.Combine(_folder, "revoke");
        var issued = await harness.RunAsync("cert", "issue", identity, "--dns", "pay.internal", "--out", output, "--format", "json");
        Assert.True(issued.ExitCode == 0, issued.ToString());
        var credential = JsonNode.Parse(issued.Stdout)!["credential"]!["id"]!.GetValue<string>();
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(output, "cert.pem")));

        var revoked = await harness.RunAsync("revoke", credential);

        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        using var anonymous = harness.Client(bearer: null);
        var crl = CertificateRevocationListBuilder.Load(await anonymous.GetByteArrayAsync("/v1/crl/prod.crl"), out _);
        Assert.True(crl.RemoveEntry(certificate.SerialNumberBytes.Span), "the revoked serial is on the CRL");
    }
}
