using System.Formats.Asn1;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lanyard.Server.Tests;

public sealed class SvidTests(TestServer server) : IClassFixture<TestServer>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-svid-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(string Identity, string ApiKey, string SpiffeId)> WorkloadAsync(string environment = "prod")
    {
        var name = $"svc-{Guid.NewGuid():N}"[..20];
        var identity = await server.CreateIdentityAsync(environment, name);
        using var admin = server.Client();
        var issued = await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { });
        var key = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        return (identity, key, $"spiffe://{environment}.lanyard.internal/{name}");
    }

    private static string Csr(ECDsa key, params string[] uris)
    {
        var request = new CertificateRequest("CN=workload", key, HashAlgorithmName.SHA256);
        if (uris.Length > 0)
        {
            var sans = new SubjectAlternativeNameBuilder();
            foreach (var uri in uris)
            {
                sans.AddUri(new Uri(uri));
            }

            request.CertificateExtensions.Add(sans.Build());
        }

        return request.CreateSigningRequestPem();
    }

    private static List<string> UriSans(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.Single(e => e.Oid!.Value == "2.5.29.17");
        var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        var uris = new List<string>();
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 6)
            {
                uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
            }
            else
            {
                names.ReadEncodedValue();
            }
        }

        return uris;
    }

    private async Task<JsonObject> IssueSvidAsync(string apiKey, ECDsa key)
    {
        using var workload = server.Client(apiKey);
        var response = await workload.PostAsJsonAsync("/v1/svid/x509", new { csr = Csr(key) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<string> BundlePemAsync(string environment)
    {
        using var anonymous = server.Client(bearer: null);
        return await anonymous.GetStringAsync($"/v1/bundle/{environment}.pem");
    }

    [Fact]
    public async Task A_workload_gets_an_svid_for_its_own_spiffe_id_that_openssl_verifies_against_its_bundle_only()
    {
        var (_, apiKey, spiffeId) = await WorkloadAsync("prod");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var body = await IssueSvidAsync(apiKey, key);
        await File.WriteAllTextAsync(Path.Combine(_folder, "svid.pem"), body["svid"]!.GetValue<string>());
        await File.WriteAllTextAsync(Path.Combine(_folder, "chain.pem"), string.Concat(body["chain"]!.AsArray().Select(c => c!.GetValue<string>())));
        await File.WriteAllTextAsync(Path.Combine(_folder, "bundle.pem"), body["bundle"]!.GetValue<string>());
        await File.WriteAllTextAsync(Path.Combine(_folder, "dev-bundle.pem"), await BundlePemAsync("dev"));

        var own = await OpenSsl.RunAsync(_folder, "verify", "-CAfile", "bundle.pem", "-untrusted", "chain.pem", "svid.pem");
        var foreign = await OpenSsl.RunAsync(_folder, "verify", "-CAfile", "dev-bundle.pem", "-untrusted", "chain.pem", "svid.pem");

        Assert.True(own.ExitCode == 0, own.Output);
        Assert.NotEqual(0, foreign.ExitCode);
        using var svid = X509Certificate2.CreateFromPem(body["svid"]!.GetValue<string>());
        Assert.Equal([spiffeId], UriSans(svid));
        Assert.Equal(spiffeId, body["spiffeId"]!.GetValue<string>());
        Assert.Equal(body["bundle"]!.GetValue<string>(), await BundlePemAsync("prod"));
    }

    [Fact]
    public async Task The_issued_svid_is_a_certificate_credential_fingerprinted_by_its_public_key()
    {
        var (identity, apiKey, _) = await WorkloadAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var body = await IssueSvidAsync(apiKey, key);

        using var admin = server.Client();
        var credential = (await admin.GetFromJsonAsync<JsonObject>($"/v1/credentials/{body["credentialId"]}"))!;
        Assert.Equal("certificate", credential["kind"]!.GetValue<string>());
        Assert.Equal(identity, credential["identityId"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())), credential["fingerprint"]!.GetValue<string>());
        Assert.Equal("EC", credential["keyAlgorithm"]!.GetValue<string>());
        Assert.Equal(256, credential["keySize"]!.GetValue<int>());
        Assert.Equal(body["expiresAt"]!.GetValue<DateTimeOffset>(), credential["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(server.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), body["expiresAt"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds());
        Assert.Single(await server.AuditAsync("svid.x509.issue"), e => e["target"]!.GetValue<string>() == $"credential/{body["credentialId"]}");
    }

    [Fact]
    public async Task A_requested_ttl_sets_the_svid_lifetime()
    {
        var (_, apiKey, _) = await WorkloadAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var workload = server.Client(apiKey);

        var response = await workload.PostAsJsonAsync("/v1/svid/x509", new { csr = Csr(key), ttl = "5m" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        using var svid = X509Certificate2.CreateFromPem(body["svid"]!.GetValue<string>());
        Assert.Equal(server.Time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(), new DateTimeOffset(svid.NotAfter).ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("30s", "between 1m and 1d")]
    [InlineData("2d", "between 1m and 1d")]
    [InlineData("soon", "'soon' is not a lifetime")]
    public async Task A_ttl_outside_the_servers_svid_range_is_refused_naming_the_range_and_nothing_is_issued(string ttl, string reason)
    {
        var (identity, apiKey, _) = await WorkloadAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var workload = server.Client(apiKey);

        var response = await workload.PostAsJsonAsync("/v1/svid/x509", new { csr = Csr(key), ttl });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(reason, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNoCertificateAsync(identity);
    }

    [Fact]
    public async Task A_csr_with_a_broken_signature_is_refused_and_nothing_is_issued()
    {
        var (identity, apiKey, _) = await WorkloadAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = Csr(key);
        var der = Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]);
        der[^1] ^= 0x01;

        using var workload = server.Client(apiKey);
        var response = await workload.PostAsJsonAsync("/v1/svid/x509", new { csr = PemEncoding.WriteString("CERTIFICATE REQUEST", der) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("signature does not verify", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNoCertificateAsync(identity);
    }

    [Fact]
    public async Task A_csr_for_a_foreign_spiffe_id_is_refused_with_the_reason_and_nothing_is_issued()
    {
        var (identity, apiKey, _) = await WorkloadAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        using var workload = server.Client(apiKey);
        var response = await workload.PostAsJsonAsync("/v1/svid/x509", new { csr = Csr(key, "spiffe://prod.lanyard.internal/payments") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("spiffe://prod.lanyard.internal/payments", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNoCertificateAsync(identity);
        Assert.Contains(await server.AuditAsync("svid.x509.issue"),
            e => e["outcome"]!.GetValue<string>() == "refused" && e["target"]!.GetValue<string>() == $"identity/{identity}");
    }

    [Fact]
    public async Task An_admin_token_gets_no_svid_because_svids_are_for_workloads()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var admin = server.Client();

        var response = await admin.PostAsJsonAsync("/v1/svid/x509", new { csr = Csr(key) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_jwt_svid_validates_against_the_bundles_jwt_svid_keys_and_not_another_environments()
    {
        var (_, apiKey, spiffeId) = await WorkloadAsync("prod");
        using var workload = server.Client(apiKey);

        var response = await workload.PostAsJsonAsync("/v1/svid/jwt", new { audience = new[] { "spiffe://prod.lanyard.internal/db" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();

        var own = await ValidateAsync(token, "prod", "spiffe://prod.lanyard.internal/db");
        var wrongAudience = await ValidateAsync(token, "prod", "spiffe://prod.lanyard.internal/other");
        var foreign = await ValidateAsync(token, "dev", "spiffe://prod.lanyard.internal/db");

        Assert.True(own.IsValid, own.Exception?.Message);
        Assert.Equal(spiffeId, own.ClaimsIdentity.FindFirst("sub")?.Value);
        var jwt = new JsonWebToken(token);
        Assert.Equal("ES256", jwt.Alg);
        Assert.True(jwt.ValidTo > jwt.IssuedAt);
        Assert.False(wrongAudience.IsValid);
        Assert.False(foreign.IsValid);
    }

    [Fact]
    public async Task A_jwt_svid_without_an_audience_is_refused()
    {
        var (_, apiKey, _) = await WorkloadAsync();
        using var workload = server.Client(apiKey);

        var response = await workload.PostAsJsonAsync("/v1/svid/jwt", new { audience = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_bundle_is_a_spiffe_jwks_with_x509_roots_and_jwt_keys()
    {
        using var anonymous = server.Client(bearer: null);

        var bundle = (await anonymous.GetFromJsonAsync<JsonObject>("/v1/bundle/staging"))!;

        var keys = bundle["keys"]!.AsArray();
        var x509 = keys.Single(k => k!["use"]!.GetValue<string>() == "x509-svid")!;
        var jwt = keys.Single(k => k!["use"]!.GetValue<string>() == "jwt-svid")!;
        using var root = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(x509["x5c"]![0]!.GetValue<string>()));
        Assert.Equal(root.RawData, X509Certificate2.CreateFromPem(await anonymous.GetStringAsync("/v1/bundle/staging.pem")).RawData);
        Assert.False(string.IsNullOrEmpty(jwt["kid"]!.GetValue<string>()));
        Assert.True(bundle["spiffe_sequence"]!.GetValue<long>() > 0);
        Assert.True(bundle["spiffe_refresh_hint"]!.GetValue<int>() > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/v1/bundle/no-such-env")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_svid_is_listed_in_its_environments_crl_signed_by_the_issuing_ca()
    {
        var (_, apiKey, _) = await WorkloadAsync("staging");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = await IssueSvidAsync(apiKey, key);
        using var svid = X509Certificate2.CreateFromPem(body["svid"]!.GetValue<string>());

        using var admin = server.Client();
        var revoked = await admin.PostAsJsonAsync($"/v1/credentials/{body["credentialId"]}/revoke", new { reason = "key compromise" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var anonymous = server.Client(bearer: null);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "staging.crl"), await anonymous.GetByteArrayAsync("/v1/crl/staging.crl"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "chain.pem"), body["chain"]![0]!.GetValue<string>());

        var listed = await OpenSsl.RunAsync(_folder, "crl", "-inform", "DER", "-in", "staging.crl", "-noout", "-text");
        var signed = await OpenSsl.RunAsync(_folder, "crl", "-inform", "DER", "-in", "staging.crl", "-noout", "-CAfile", "chain.pem");

        Assert.Contains($"Serial Number: {svid.SerialNumber}", listed.Output, StringComparison.OrdinalIgnoreCase);
        Assert.True(signed.ExitCode == 0 && signed.Output.Contains("verify OK", StringComparison.Ordinal), signed.Output);
    }

    [Fact]
    public async Task The_crl_url_in_certificates_ignores_the_host_header_of_whoever_asked_first()
    {
        using var admin = server.Client();
        (await admin.PostAsJsonAsync("/v1/environments", new { name = "hostile" })).EnsureSuccessStatusCode();
        using var anonymous = server.Client(bearer: null);
        using var first = new HttpRequestMessage(HttpMethod.Get, "/v1/bundle/hostile.pem");
        first.Headers.Host = "evil.example";
        (await anonymous.SendAsync(first)).EnsureSuccessStatusCode();

        var (_, apiKey, _) = await WorkloadAsync("hostile");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = await IssueSvidAsync(apiKey, key);

        using var svid = X509Certificate2.CreateFromPem(body["svid"]!.GetValue<string>());
        using var intermediate = X509Certificate2.CreateFromPem(body["chain"]![0]!.GetValue<string>());
        var expected = $"https://127.0.0.1:{server.Address.Port}/v1/crl/hostile";
        foreach (var certificate in new[] { svid, intermediate })
        {
            var points = System.Text.Encoding.ASCII.GetString(certificate.Extensions.Single(e => e.Oid!.Value == "2.5.29.31").RawData);
            Assert.DoesNotContain("evil.example", points, StringComparison.Ordinal);
            Assert.Contains(expected, points, StringComparison.Ordinal);
        }
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, string environment, string audience)
    {
        using var anonymous = server.Client(bearer: null);
        var json = await anonymous.GetStringAsync($"/v1/bundle/{environment}");
        var keys = new JsonWebKeySet(json).Keys.Where(k => k.Use == "jwt-svid").ToList();
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidAudience = audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = ["ES256"],
            LifetimeValidator = (_, expires, _, _) => expires > server.Time.GetUtcNow().UtcDateTime,
        });
    }

    private async Task AssertNoCertificateAsync(string identity)
    {
        using var admin = server.Client();
        var page = (await admin.GetFromJsonAsync<JsonObject>($"/v1/credentials?identity={identity}"))!;
        Assert.DoesNotContain(page["items"]!.AsArray(), c => c!["kind"]!.GetValue<string>() == "certificate");
    }
}
