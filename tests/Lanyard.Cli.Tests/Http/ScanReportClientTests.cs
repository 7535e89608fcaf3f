using System.Text;
using Lanyard.Cli.Http;
using Lanyard.Scanning;
using Lanyard.Server.Tests.Hosting;

namespace Lanyard.Cli.Tests.Http;

public sealed class ScanReportClientTests : IAsyncLifetime
{
    private const string Repository = "github.com/acme/billing";

    // A format-valid AWS secret access key made up for this test; it opens nothing.
    private const string SecretAccessKey = "q8Xv2LmN4pR7tY1wZ3aB5cD6eF9gH0jK2lM4nP6r";

    private readonly string _tree = Path.Combine(Path.GetTempPath(), $"lanyard-scan-{Guid.NewGuid():N}");
    private readonly List<string> _bodies = [];
    private TestLanyard _lanyard = null!;
    private HttpClient _http = null!;
    private ScanReportClient _client = null!;

    public async Task InitializeAsync()
    {
        _lanyard = await TestLanyard.StartAsync();
        _http = _lanyard.CreateClient(new RequestRecorder(_bodies));
        _client = new ScanReportClient(new ApiClient(_http));
        Directory.CreateDirectory(Path.Combine(_tree, "deploy"));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _lanyard.DisposeAsync();
        Directory.Delete(_tree, recursive: true);
    }

    private async Task<IReadOnlyList<SecretFinding>> ScanWithSecretsShownAsync(string relativePath, string content)
    {
        await File.WriteAllTextAsync(Path.Combine(_tree, relativePath), content);
        var result = await new SecretScanner().RunAsync(new ScanRequest { Paths = [_tree], ShowSecrets = true });
        Assert.NotEmpty(result.Findings);
        Assert.All(result.Findings, f => Assert.NotNull(f.Secret));
        return result.Findings;
    }

    [Fact]
    public async Task A_key_id_found_by_the_scanner_links_to_the_access_key_imported_from_aws()
    {
        await AwsExport.ImportAsync(_http);
        var findings = await ScanWithSecretsShownAsync(Path.Combine("deploy", "prod.env"),
            $"AWS_ACCESS_KEY_ID={AwsExport.AccessKeyId}\nAWS_SECRET_ACCESS_KEY={SecretAccessKey}\n");

        var summary = await _client.SendAsync(Repository, findings, CancellationToken.None);

        Assert.Equal(findings.Count, summary.Received);
        var linked = Assert.Single(summary.Linked);
        Assert.Equal(findings.Single(f => f.RuleId == "aws-access-key-id").Fingerprint, linked.Fingerprint);
        Assert.Equal((AwsExport.User, "prod", AwsExport.Owner), (linked.Identity, linked.Environment, linked.Owner));
    }

    [Fact]
    public async Task Values_imported_from_kubernetes_secrets_link_to_the_same_values_the_scanner_finds_in_code()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var pem = rsa.ExportRSAPrivateKeyPem();
        const string stripeKey = "sk_live_51Hq8ZtR4mVx2NcP7wLs9KdY3";

        // As Secrets often hold them: written by echo with a trailing newline, or saved with CRLF.
        await KubernetesExport.ImportAsync(_http, "staging", new Dictionary<string, string>
        {
            ["stripe-secret-key"] = stripeKey + "\n",
            ["signing-private-key"] = pem.ReplaceLineEndings("\r\n") + "\r\n",
        });
        await File.WriteAllTextAsync(Path.Combine(_tree, "deploy", "signing.pem"), pem.ReplaceLineEndings("\n") + "\n");
        var findings = await ScanWithSecretsShownAsync("payments.py", $"STRIPE_KEY = \"{stripeKey}\"\n");

        var summary = await _client.SendAsync(Repository, findings, CancellationToken.None);

        Assert.Equal(2, findings.Count);
        Assert.Equal(findings.Select(f => f.Fingerprint).Order(), summary.Linked.Select(l => l.Fingerprint).Order());
        Assert.All(summary.Linked, l => Assert.Equal(("staging", KubernetesExport.Owner), (l.Environment, l.Owner)));
    }

    [Fact]
    public async Task Neither_the_request_nor_the_database_holds_a_secret_or_its_redacted_prefix_only_fingerprints()
    {
        var findings = await ScanWithSecretsShownAsync(Path.Combine("deploy", "prod.env"),
            $"AWS_ACCESS_KEY_ID={AwsExport.AccessKeyId}\nAWS_SECRET_ACCESS_KEY={SecretAccessKey}\n"
            + "DATABASE_URL=postgres://billing:Zr8qT2vLx9Kp4sWm@db.internal:5432/billing\n");

        await _client.SendAsync(Repository, findings, CancellationToken.None);

        var body = Assert.Single(_bodies);
        var database = await _lanyard.DatabaseBytesAsync();
        foreach (var finding in findings)
        {
            Assert.DoesNotContain(finding.Secret!, body, StringComparison.Ordinal);
            Assert.DoesNotContain(finding.Redacted, body, StringComparison.Ordinal);
            Assert.Contains(finding.Fingerprint, body, StringComparison.Ordinal);
            Assert.True(database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(finding.Secret!)) < 0, $"the database holds the {finding.RuleId} secret");
            Assert.True(database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(finding.Fingerprint)) >= 0, "the fingerprint is stored");
        }
    }

    [Fact]
    public async Task A_large_scan_is_sent_in_several_requests_and_summed()
    {
        var findings = Enumerable.Range(1, (2 * ScanReportClient.ChunkSize) + 1).Select(line => new SecretFinding
        {
            RuleId = "generic-secret", Kind = "generic-secret", Path = "gen/fixtures.json", Line = line, Column = 5, EndLine = line,
            Redacted = "abcd****", Fingerprint = new string('a', 63) + (line % 10), Confidence = Confidence.Medium,
        }).ToList();
        var progress = new List<int>();

        var summary = await _client.SendAsync(Repository, findings, CancellationToken.None, new SyncProgress(progress));

        Assert.Equal(3, _bodies.Count);
        Assert.Equal((findings.Count, findings.Count, 0), (summary.Received, summary.Stored, summary.Updated));
        Assert.Equal([ScanReportClient.ChunkSize, 2 * ScanReportClient.ChunkSize, findings.Count], progress);
    }

    [Fact]
    public async Task A_clean_scan_is_reported_too()
    {
        var summary = await _client.SendAsync(Repository, [], CancellationToken.None);

        Assert.Single(_bodies);
        Assert.Equal(0, summary.Received);
    }

    [Fact]
    public async Task A_path_with_a_control_character_is_sent_printable_and_accepted()
    {
        var finding = new SecretFinding
        {
            RuleId = "generic-secret", Kind = "generic-secret", Path = "odd\tname.env", Line = 1, Column = 1, EndLine = 1,
            Redacted = "abcd****", Fingerprint = new string('b', 64), Confidence = Confidence.High,
        };

        var summary = await _client.SendAsync(Repository, [finding], CancellationToken.None);

        Assert.Equal(1, summary.Stored);
        var stored = Assert.Single((await _lanyard.Inventory.ListSightingsAsync(new Store.Inventory.SightingQuery())).Items);
        Assert.Equal("odd\uFFFDname.env", stored.Path);
    }

    [Fact]
    public async Task A_blank_source_is_bad_input_and_sends_nothing()
    {
        var refused = await Assert.ThrowsAsync<CliException>(() => _client.SendAsync("  ", [], CancellationToken.None));

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Empty(_bodies);
    }

    /// <summary>Records progress as it is reported, on the reporting thread.</summary>
    private sealed class SyncProgress(List<int> seen) : IProgress<int>
    {
        public void Report(int value) => seen.Add(value);
    }
}
