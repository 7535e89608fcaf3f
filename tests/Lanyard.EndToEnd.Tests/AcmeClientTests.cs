using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Lanyard.EndToEnd.Tests;

/// <summary>
/// certbot and lego, unchanged, against a real <c>lanyard serve</c>: each registers with External
/// Account Binding, obtains a certificate with http-01, renews it and revokes it, and the result is
/// judged where users look: the files the client wrote, the environment's CRL and the inventory.
/// </summary>
public sealed class AcmeClientTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-acme-e2e-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Certbot_registers_with_eab_obtains_renews_after_a_server_restart_and_revokes()
    {
        var certbot = ExternalTool.Find("certbot", "certbot");
        var (settings, httpPort) = AcmeSettings();
        var first = await LanyardProcess.StartAsync(extraEnvironment: settings);
        LanyardProcess? server = first;
        try
        {
            var (identity, kid, hmacKey) = await IdentityWithEabAsync(first, "web-frontend");
            var directory = $"{first.Address}/acme/dev/directory";
            var environment = new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = first.CaPath };
            string[] folders = ["--non-interactive", "--config-dir", Path.Combine(_folder, "config"), "--work-dir", Path.Combine(_folder, "work"),
                "--logs-dir", Path.Combine(_folder, "logs")];

            var obtained = await ExternalTool.RunAsync(certbot, environment, [.. folders, "certonly", "--standalone",
                "--http-01-port", httpPort, "--server", directory, "--eab-kid", kid, $"--eab-hmac-key={hmacKey}",
                "-d", "web.acme.test", "--agree-tos", "-m", "ops@example.com"]);
            Assert.True(obtained.ExitCode == 0, obtained.ToString());
            var live = Path.Combine(_folder, "config", "live", "web.acme.test");
            using var issued = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(live, "cert.pem")));
            using var intermediate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(live, "chain.pem")));
            Assert.Contains("web.acme.test", DnsNames(issued));
            Assert.Equal(intermediate.SubjectName.Name, issued.IssuerName.Name);

            // The account lives in the database: after a restart certbot renews with it without registering again.
            await first.StopAsync();
            server = await LanyardProcess.StartAsync(first.DataFolder, settings, first.Address, first.Token);
            var renewed = await ExternalTool.RunAsync(certbot, environment, [.. folders, "renew", "--force-renewal", "--no-random-sleep-on-renew"]);
            Assert.True(renewed.ExitCode == 0, renewed.ToString());
            using var renewal = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(live, "cert.pem")));
            Assert.NotEqual(issued.SerialNumber, renewal.SerialNumber);

            var revoked = await ExternalTool.RunAsync(certbot, environment, [.. folders, "revoke", "--cert-path", Path.Combine(live, "cert.pem"),
                "--reason", "keycompromise", "--no-delete-after-revoke", "--server", directory]);
            Assert.True(revoked.ExitCode == 0, revoked.ToString());

            await AssertRevokedAndRenewedAsync(server, identity, issued, renewal);
        }
        finally
        {
            await first.DisposeAsync();
            if (server != first)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Lego_registers_with_eab_obtains_with_http01_renews_with_tls_alpn01_and_revokes_and_renewal_info_asks_for_renewal_after_revocation()
    {
        var lego = ExternalTool.Find("lego", "lego");
        var (settings, httpPort) = AcmeSettings();
        var tlsPort = LanyardProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["LANYARD_ACME_TLS_ALPN_PORT"] = tlsPort;
        await using var server = await LanyardProcess.StartAsync(extraEnvironment: settings);
        var (identity, kid, hmacKey) = await IdentityWithEabAsync(server, "api-gateway");
        var environment = new Dictionary<string, string> { ["LEGO_CA_CERTIFICATES"] = server.CaPath };
        string[] common = ["--accept-tos", "--path", Path.Combine(_folder, "lego"), "--server", $"{server.Address}/acme/dev/directory",
            "--email", "ops@example.com", "--eab", "--kid", kid, "--hmac", hmacKey, "--domains", "api.acme.test"];
        var crt = Path.Combine(_folder, "lego", "certificates", "api.acme.test.crt");

        var obtained = await ExternalTool.RunAsync(lego, environment, [.. common, "--http", "--http.port", $":{httpPort}", "run"]);
        Assert.True(obtained.ExitCode == 0, obtained.ToString());
        using var issued = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(crt));
        Assert.Equal(["api.acme.test"], DnsNames(issued));

        var renewed = await ExternalTool.RunAsync(lego, environment,
            [.. common, "--tls", "--tls.port", $":{tlsPort}", "renew", "--days", "90", "--no-random-sleep"]);
        Assert.True(renewed.ExitCode == 0, renewed.ToString());
        using var renewal = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(crt));
        Assert.NotEqual(issued.SerialNumber, renewal.SerialNumber);

        using var anonymous = server.CreateClient();
        var before = await RenewalWindowAsync(anonymous, renewal);
        Assert.True(before.Start > DateTimeOffset.UtcNow.AddDays(10), $"a fresh 30-day certificate renews in its last third, not from {before.Start}");

        var revoked = await ExternalTool.RunAsync(lego, environment, [.. common, "revoke"]);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());

        var after = await RenewalWindowAsync(anonymous, renewal);
        Assert.True(after.End < DateTimeOffset.UtcNow, $"a revoked certificate must be replaced now, not by {after.End}");
        await AssertRevokedAndRenewedAsync(server, identity, issued, renewal);
    }

    private static (Dictionary<string, string> Settings, string HttpPort) AcmeSettings()
    {
        var port = LanyardProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (new Dictionary<string, string> { ["LANYARD_ACME_HTTP_PORT"] = port, ["LANYARD_ACME_RESOLVE_TO_LOOPBACK"] = "true" }, port);
    }

    private static async Task<(string Identity, string Kid, string HmacKey)> IdentityWithEabAsync(LanyardProcess server, string name)
    {
        var owner = await server.RunAsync("owner", "create", "edge-team", "--contact", "edge@example.com");
        Assert.True(owner.ExitCode == 0, owner.ToString());
        var created = await server.RunAsync("identity", "create", name, "--env", "dev", "--owner", "edge-team", "--format", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var identity = JsonNode.Parse(created.Stdout)!["id"]!.GetValue<string>();

        var eab = await server.RunAsync("acme", "eab", "create", identity, "--format", "json");
        Assert.True(eab.ExitCode == 0, eab.ToString());
        var key = JsonNode.Parse(eab.Stdout)!;
        return (identity, key["kid"]!.GetValue<string>(), key["hmac_key"]!.GetValue<string>());
    }

    /// <summary>The renewed certificate is on the CRL and revoked in the inventory; the first one is superseded by it, not revoked.</summary>
    private static async Task AssertRevokedAndRenewedAsync(LanyardProcess server, string identity, X509Certificate2 first, X509Certificate2 renewal)
    {
        using var client = server.CreateClient();
        var serials = RevocationList.RevokedSerials(await client.GetByteArrayAsync("/v1/crl/dev.crl"));
        Assert.Contains(renewal.SerialNumber, serials);
        Assert.DoesNotContain(first.SerialNumber, serials);

        var page = JsonNode.Parse(await client.GetStringAsync($"/v1/credentials?identity={identity}"))!;
        var credentials = page["items"]!.AsArray().Select(c => c!).ToList();
        var revoked = Assert.Single(credentials, c => c["serialNumber"]?.GetValue<string>() == renewal.SerialNumber);
        var replaced = Assert.Single(credentials, c => c["serialNumber"]?.GetValue<string>() == first.SerialNumber);
        Assert.Equal("revoked", revoked["state"]!.GetValue<string>());
        Assert.Equal("dev", revoked["environment"]!.GetValue<string>());
        Assert.Equal(identity, revoked["identityId"]!.GetValue<string>());
        var owner = JsonNode.Parse(await client.GetStringAsync($"/v1/identities/{identity}"))!["owner"]!.GetValue<string>();
        Assert.Equal("edge-team", owner);
        Assert.Equal("active", replaced["state"]!.GetValue<string>());
        Assert.Equal(revoked["id"]!.GetValue<string>(), replaced["supersededBy"]!.GetValue<string>());
    }

    private static async Task<(DateTimeOffset Start, DateTimeOffset End)> RenewalWindowAsync(HttpClient client, X509Certificate2 certificate)
    {
        var aki = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value;
        var id = Base64Url(aki.Span) + "." + Base64Url(certificate.SerialNumberBytes.Span);
        var info = JsonNode.Parse(await client.GetStringAsync($"/acme/dev/renewal-info/{id}"))!["suggestedWindow"]!;
        return (DateTimeOffset.Parse(info["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(info["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static List<string> DnsNames(X509Certificate2 certificate) =>
        [.. certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames())];
}
