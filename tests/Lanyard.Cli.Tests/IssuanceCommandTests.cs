using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Core.Keys;

namespace Lanyard.Cli.Tests;

public sealed class IssuanceCommandTests(CliHarness harness) : IClassFixture<CliHarness>
{
    [Fact]
    public async Task Apikey_issue_as_json_prints_the_key_once_with_its_credential()
    {
        var identity = await harness.CreateIdentityAsync("staging");

        var run = await harness.RunAsync("apikey", "issue", identity, "--ttl", "7d", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = JsonNode.Parse(run.Stdout)!;
        var key = output["key"]!.GetValue<string>();
        Assert.True(LanyardKeyFormat.TryParse(key, out var environment));
        Assert.Equal("staging", environment);
        Assert.Equal(SecretHash.Of(key), output["credential"]!["fingerprint"]!.GetValue<string>());
        using var workload = harness.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await workload.GetAsync("/v1/whoami")).StatusCode);
    }

    [Fact]
    public async Task Apikey_issue_as_a_table_prints_the_key_alone_on_stdout()
    {
        var identity = await harness.CreateIdentityAsync();

        var run = await harness.RunAsync("apikey", "issue", identity);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(LanyardKeyFormat.IsValid(run.Stdout.Trim()), run.ToString());
        Assert.Contains("shown this once", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apikey_issue_with_a_bad_ttl_exits_2_naming_it()
    {
        var identity = await harness.CreateIdentityAsync();

        var run = await harness.RunAsync("apikey", "issue", identity, "--ttl", "5 fortnights");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'5 fortnights' is not a lifetime", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_create_prints_an_id_and_secret_that_obtain_a_token()
    {
        var identity = await harness.CreateIdentityAsync("prod");

        var run = await harness.RunAsync("client", "create", identity, "--scope", "reports.read", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = JsonNode.Parse(run.Stdout)!;
        var clientId = output["clientId"]!.GetValue<string>();
        var secret = output["clientSecret"]!.GetValue<string>();
        Assert.StartsWith("lnyc_prod_", clientId, StringComparison.Ordinal);
        using var http = harness.Client(bearer: null);
        var request = new HttpRequestMessage(HttpMethod.Post, output["tokenEndpoint"]!.GetValue<string>())
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        var token = JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
        Assert.Equal("reports.read", token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Client_create_with_tls_client_auth_registers_the_spiffe_id_and_prints_no_secret()
    {
        var identity = await harness.CreateIdentityAsync("dev");

        var json = await harness.RunAsync("client", "create", identity, "--auth", "tls_client_auth", "--format", "json");
        var table = await harness.RunAsync("client", "create", identity, "--auth", "tls_client_auth");

        Assert.True(json.ExitCode == 0, json.ToString());
        var output = JsonNode.Parse(json.Stdout)!;
        Assert.Null(output["clientSecret"]);
        Assert.Equal("tls_client_auth", output["tokenEndpointAuthMethod"]!.GetValue<string>());
        Assert.StartsWith("spiffe://dev.lanyard.internal/", output["tlsClientAuthSanUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("authenticates with the X.509-SVID of spiffe://dev.lanyard.internal/", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_create_with_a_self_signed_certificate_registers_its_thumbprint_and_prints_no_secret()
    {
        var identity = await harness.CreateIdentityAsync("dev");
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=batch-exporter", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(Path.GetTempPath(), $"client-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, certificate.ExportCertificatePem());

        var run = await harness.RunAsync("client", "create", identity, "--auth", "self_signed_tls_client_auth", "--certificate", path);
        var missing = await harness.RunAsync("client", "create", identity, "--auth", "self_signed_tls_client_auth", "--certificate", path + ".gone");

        File.Delete(path);
        Assert.True(run.ExitCode == 0, run.ToString());
        var thumbprint = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(certificate.RawData));
        Assert.Contains($"authenticates with the self-signed certificate with x5t#S256 {thumbprint}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains(path + ".gone", missing.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("client_secret_jwt", "client_secret_jwt")]
    [InlineData("private_key_jwt", "jwks")]
    public async Task Client_create_with_an_unusable_auth_method_exits_2_naming_it(string method, string named)
    {
        var identity = await harness.CreateIdentityAsync();

        var run = await harness.RunAsync("client", "create", identity, "--auth", method);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_create_with_an_unreadable_jwks_file_exits_2_naming_the_file()
    {
        var identity = await harness.CreateIdentityAsync();
        var path = Path.Combine(Path.GetTempPath(), $"jwks-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\"keys\": [");

        var run = await harness.RunAsync("client", "create", identity, "--jwks", path);

        File.Delete(path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(path, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_stops_an_issued_key_at_once()
    {
        var identity = await harness.CreateIdentityAsync();
        var issued = JsonNode.Parse((await harness.RunAsync("apikey", "issue", identity, "--format", "json")).Stdout)!;
        var credentialId = issued["credential"]!["id"]!.GetValue<string>();

        var run = await harness.RunAsync("revoke", credentialId, "--reason", "pasted in a ticket");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Revoked credential {credentialId}", run.Stdout, StringComparison.Ordinal);
        using var workload = harness.Client(issued["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.GetAsync("/v1/whoami")).StatusCode);
        Assert.Equal(2, (await harness.RunAsync("revoke", credentialId)).ExitCode);
    }

    [Fact]
    public async Task Revoke_of_an_unknown_credential_exits_2()
    {
        var run = await harness.RunAsync("revoke", Guid.NewGuid().ToString());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("No credential", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_prints_the_successor_once_and_both_keys_work_during_the_overlap()
    {
        var identity = await harness.CreateIdentityAsync();
        var issued = JsonNode.Parse((await harness.RunAsync("apikey", "issue", identity, "--format", "json")).Stdout)!;
        var credentialId = issued["credential"]!["id"]!.GetValue<string>();

        var run = await harness.RunAsync("rotate", credentialId, "--overlap", "1h", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var rotated = JsonNode.Parse(run.Stdout)!;
        Assert.Equal(credentialId, rotated["credential"]!["rotatedFrom"]!.GetValue<string>());
        foreach (var key in new[] { issued["key"]!.GetValue<string>(), rotated["secret"]!.GetValue<string>() })
        {
            using var workload = harness.Client(key);
            Assert.Equal(HttpStatusCode.OK, (await workload.GetAsync("/v1/whoami")).StatusCode);
        }

        var again = await harness.RunAsync("rotate", credentialId);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already rotated", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_as_a_table_prints_the_secret_alone_on_stdout()
    {
        var identity = await harness.CreateIdentityAsync();
        var issued = JsonNode.Parse((await harness.RunAsync("apikey", "issue", identity, "--format", "json")).Stdout)!;

        var run = await harness.RunAsync("rotate", issued["credential"]!["id"]!.GetValue<string>(), "--overlap", "nope");
        var good = await harness.RunAsync("rotate", issued["credential"]!["id"]!.GetValue<string>());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("overlap", run.Stderr, StringComparison.Ordinal);
        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.True(LanyardKeyFormat.IsValid(good.Stdout.Trim()), good.ToString());
        Assert.Contains("stops working at", good.Stderr, StringComparison.Ordinal);
    }
}
