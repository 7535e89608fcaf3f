using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests.Policy;

/// <summary>Every issuance path asks the environment's policy; a refusal is a 403 naming the rule, and is audited.</summary>
public sealed class PolicyIssuanceTests(TestServer server) : IClassFixture<TestServer>
{
    private static async Task<JsonObject> AssertRefusedAsync(HttpResponseMessage response, string detail)
    {
        var problem = await PolicyFixture.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(detail, problem["detail"]!.GetValue<string>());
        return problem;
    }

    private static string Csr(ECDsa key, params string[] dnsNames)
    {
        var request = new CertificateRequest("CN=workload", key, HashAlgorithmName.SHA256);
        if (dnsNames.Length > 0)
        {
            var sans = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                sans.AddDnsName(name);
            }

            request.CertificateExtensions.Add(sans.Build());
        }

        return request.CreateSigningRequestPem();
    }

    [Fact]
    public async Task An_api_key_in_an_environment_that_forbids_them_is_refused_and_audited()
    {
        var env = await server.EnvironmentAsync("credentials:\n  api-key: { allowed: false }\n");
        var (identity, _) = await server.IdentityAsync(env, "reports-api");
        using var admin = server.Client();

        var response = await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { });

        await AssertRefusedAsync(response, $"policy {env}: credentials.api-key.allowed is false");
        var audit = await server.RefusalAsync("apikey.issue", $"identity/{identity}");
        Assert.Contains("\"rule\":\"credentials.api-key.allowed\"", audit["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var credentials = await admin.GetFromJsonAsync<JsonObject>($"/v1/credentials?identity={identity}");
        Assert.Empty(credentials!["items"]!.AsArray());
    }

    [Fact]
    public async Task An_api_key_lifetime_beyond_the_maximum_is_refused_and_without_one_the_maximum_applies()
    {
        var env = await server.EnvironmentAsync("credentials:\n  api-key: { max-lifetime: 7d }\n");
        var (identity, _) = await server.IdentityAsync(env, "reports-api");
        using var admin = server.Client();

        var tooLong = await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { ttl = "8d" });
        var unasked = await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { });

        var problem = await AssertRefusedAsync(tooLong, $"policy {env}: credentials.api-key.max-lifetime is 7d; 8d was asked for");
        Assert.Equal("ttl", problem["field"]?.GetValue<string>());
        var credential = (await unasked.Content.ReadFromJsonAsync<JsonObject>())!["credential"]!;
        Assert.Equal(credential["createdAt"]!.GetValue<DateTimeOffset>().AddDays(7), credential["expiresAt"]!.GetValue<DateTimeOffset>());
        await server.RefusalAsync("apikey.issue", $"identity/{identity}");
    }

    [Fact]
    public async Task An_identity_without_an_owner_gets_nothing_where_an_owner_is_required()
    {
        var env = await server.EnvironmentAsync("owner-required: true\n");
        var identity = await server.CreateIdentityAsync(env, "ownerless");
        using var admin = server.Client();

        var response = await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { });

        await AssertRefusedAsync(response, $"policy {env}: owner-required is true and identity 'ownerless' has no owner");
    }

    [Fact]
    public async Task A_client_with_scopes_outside_the_identitys_patterns_is_refused_and_audited()
    {
        var env = await server.EnvironmentAsync("identities:\n  - match: \"payments-*\"\n    scopes: [\"payments:*\"]\n");
        var (identity, _) = await server.IdentityAsync(env, "payments-api");
        using var admin = server.Client();

        var refused = await admin.PostAsJsonAsync($"/v1/identities/{identity}/clients", new { scopes = new[] { "payments:read", "admin" } });
        var allowed = await admin.PostAsJsonAsync($"/v1/identities/{identity}/clients", new { scopes = new[] { "payments:read" } });

        await AssertRefusedAsync(refused,
            $"policy {env}: scope 'admin' is outside identities[].scopes of the rules matching identity 'payments-api'");
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        await server.RefusalAsync("client.create", $"identity/{identity}");
    }

    [Fact]
    public async Task A_client_asking_for_access_tokens_longer_than_the_maximum_is_refused()
    {
        var env = await server.EnvironmentAsync("credentials:\n  access-token: { max-lifetime: 10m }\n");
        var (identity, _) = await server.IdentityAsync(env, "orders-api");
        using var admin = server.Client();

        var response = await admin.PostAsJsonAsync($"/v1/identities/{identity}/clients", new { accessTokenMinutes = 60 });

        var problem = await AssertRefusedAsync(response, $"policy {env}: credentials.access-token.max-lifetime is 10m; 1h was asked for");
        Assert.Equal("accessTokenMinutes", problem["field"]?.GetValue<string>());
    }

    [Fact]
    public async Task Access_tokens_follow_the_policy_in_force_for_scopes_and_lifetime()
    {
        var env = await server.EnvironmentAsync("");
        var client = await OAuthClientHandle.CreateAsync(server, env, new { scopes = new[] { "orders.read", "orders.write" } });
        using var admin = server.Client();
        var name = (await admin.GetFromJsonAsync<JsonObject>($"/v1/identities/{client.IdentityId}"))!["name"]!.GetValue<string>();
        var applied = await server.ApplyAsync(env,
            $"credentials:\n  access-token: {{ max-lifetime: 5m }}\nidentities:\n  - match: \"{name}\"\n    scopes: [\"orders.read\"]\n");
        Assert.True(applied.IsSuccessStatusCode);

        var forbidden = await client.PostAsync("token", new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "orders.write" });
        var unasked = await client.PostAsync("token", new Dictionary<string, string> { ["grant_type"] = "client_credentials" });

        Assert.Equal(HttpStatusCode.BadRequest, forbidden.StatusCode);
        var error = (await forbidden.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("invalid_scope", error["error"]!.GetValue<string>());
        Assert.Contains($"policy {env}: scope 'orders.write'", error["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        var token = (await unasked.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("orders.read", token["scope"]!.GetValue<string>());
        Assert.Equal(300, token["expires_in"]!.GetValue<long>());
        Assert.Contains(await server.AuditAsync("oauth.token"), e => e["outcome"]!.GetValue<string>() == "refused"
            && e["detail"]!.GetValue<string>().Contains("invalid_scope", StringComparison.Ordinal)
            && e["target"]!.GetValue<string>() == $"oauth2/{env}/client/{client.ClientId}");
    }

    [Fact]
    public async Task An_access_token_where_the_policy_forbids_them_is_an_invalid_request()
    {
        var env = await server.EnvironmentAsync("");
        var client = await OAuthClientHandle.CreateAsync(server, env);
        await server.ApplyAsync(env, "credentials:\n  access-token: { allowed: false }\n");

        var response = await client.PostAsync("token", new Dictionary<string, string> { ["grant_type"] = "client_credentials" });

        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("invalid_request", error["error"]!.GetValue<string>());
        Assert.Equal($"policy {env}: credentials.access-token.allowed is false", error["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_x509_svid_outside_the_identitys_spiffe_paths_is_refused_and_audited()
    {
        var env = await server.EnvironmentAsync("identities:\n  - match: \"*\"\n    spiffe-paths: [\"/payments/*\"]\n");
        var (identity, _) = await server.IdentityAsync(env, "orders-api");
        using var workload = server.Client(await server.ApiKeyAsync(identity));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var response = await workload.PostAsJsonAsync("/v1/svid/x509", new { csr = Csr(key) });

        await AssertRefusedAsync(response,
            $"policy {env}: SPIFFE path '/orders-api' is outside identities[].spiffe-paths of the rules matching identity 'orders-api'");
        await server.RefusalAsync("svid.x509.issue", $"identity/{identity}");
    }

    [Fact]
    public async Task An_x509_svid_beyond_the_maximum_lifetime_is_refused_and_without_one_gets_the_maximum()
    {
        var env = await server.EnvironmentAsync("credentials:\n  x509-svid: { max-lifetime: 30m }\n");
        var (identity, _) = await server.IdentityAsync(env, "orders-api");
        using var workload = server.Client(await server.ApiKeyAsync(identity));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var tooLong = await workload.PostAsJsonAsync("/v1/svid/x509", new { csr = Csr(key), ttl = "1h" });
        var unasked = await workload.PostAsJsonAsync("/v1/svid/x509", new { csr = Csr(key) });

        await AssertRefusedAsync(tooLong, $"policy {env}: credentials.x509-svid.max-lifetime is 30m; 1h was asked for");
        var svid = (await unasked.Content.ReadFromJsonAsync<JsonObject>())!;
        using var certificate = X509Certificate2.CreateFromPem(svid["svid"]!.GetValue<string>());
        Assert.InRange(certificate.NotAfter - certificate.NotBefore, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(36));
    }

    [Fact]
    public async Task A_jwt_svid_beyond_the_maximum_lifetime_is_refused_and_audited()
    {
        var env = await server.EnvironmentAsync("credentials:\n  jwt-svid: { max-lifetime: 2m }\n");
        var (identity, _) = await server.IdentityAsync(env, "orders-api");
        using var workload = server.Client(await server.ApiKeyAsync(identity));

        var tooLong = await workload.PostAsJsonAsync("/v1/svid/jwt", new { audience = new[] { "https://api.example" }, ttl = "5m" });
        var unasked = await workload.PostAsJsonAsync("/v1/svid/jwt", new { audience = new[] { "https://api.example" } });

        await AssertRefusedAsync(tooLong, $"policy {env}: credentials.jwt-svid.max-lifetime is 2m; 5m was asked for");
        var jwt = (await unasked.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(jwt["expiresAt"]!.GetValue<DateTimeOffset>() <= server.Time.GetUtcNow().AddMinutes(2));
        await server.RefusalAsync("svid.jwt.issue", $"spiffe://{env}.lanyard.internal/orders-api");
    }

    [Fact]
    public async Task A_tls_certificate_for_a_name_outside_the_identitys_patterns_is_refused_and_audited()
    {
        var env = await server.EnvironmentAsync("identities:\n  - match: \"payments-*\"\n    dns-names: [\"*.payments.internal\"]\n");
        var (identity, _) = await server.IdentityAsync(env, "payments-api");
        using var admin = server.Client();

        var refused = await admin.PostAsJsonAsync($"/v1/identities/{identity}/certificates",
            new { dnsNames = new[] { "api.payments.internal", "evil.example.com" } });
        var allowed = await admin.PostAsJsonAsync($"/v1/identities/{identity}/certificates", new { dnsNames = new[] { "api.payments.internal" } });

        await AssertRefusedAsync(refused,
            $"policy {env}: DNS name 'evil.example.com' is outside identities[].dns-names of the rules matching identity 'payments-api'");
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        await server.RefusalAsync("certificate.issue", $"identity/{identity}");
    }

    [Fact]
    public async Task Rotating_a_kind_the_policy_now_forbids_is_refused_and_audited_and_posture_reports_it()
    {
        var env = await server.EnvironmentAsync("");
        var (identity, _) = await server.IdentityAsync(env, "legacy-api");
        using var admin = server.Client();
        var issued = await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { ttl = "30d" });
        var credential = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["credential"]!["id"]!.GetValue<string>();
        await server.ApplyAsync(env, "credentials:\n  api-key: { allowed: false }\n");

        var rotate = await admin.PostAsJsonAsync($"/v1/credentials/{credential}/rotate", new { });
        var findings = (await admin.GetFromJsonAsync<JsonArray>($"/v1/findings?env={env}"))!;

        await AssertRefusedAsync(rotate, $"policy {env}: credentials.api-key.allowed is false");
        await server.RefusalAsync("credential.rotate", $"credential/{credential}");
        var finding = Assert.Single(findings, f => f!["kind"]!.GetValue<string>() == "policy-violation");
        Assert.Equal(credential, finding!["credentialId"]!.GetValue<string>());
        Assert.Contains("credentials.api-key.allowed is false", finding["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_already_certified_in_another_environment_is_refused()
    {
        var first = await server.EnvironmentAsync("");
        var second = await server.EnvironmentAsync("");
        var (inFirst, _) = await server.IdentityAsync(first, "edge");
        var (inSecond, _) = await server.IdentityAsync(second, "edge");
        using var admin = server.Client();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var issued = await admin.PostAsJsonAsync($"/v1/identities/{inFirst}/certificates", new { dnsNames = new[] { "edge.example" }, csr = Csr(key, "edge.example") });
        var reused = await admin.PostAsJsonAsync($"/v1/identities/{inSecond}/certificates", new { dnsNames = new[] { "edge.example" }, csr = Csr(key, "edge.example") });

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reused.StatusCode);
        Assert.Contains($"already belongs to a credential of environment '{first}'",
            (await PolicyFixture.ProblemAsync(reused))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await server.RefusalAsync("certificate.issue", $"identity/{inSecond}");
    }

    [Fact]
    public async Task A_secret_registered_in_another_environment_is_refused()
    {
        var first = await server.EnvironmentAsync("");
        var second = await server.EnvironmentAsync("");
        var (inFirst, _) = await server.IdentityAsync(first, "db");
        var (inSecond, _) = await server.IdentityAsync(second, "db");
        using var admin = server.Client();

        var registered = await admin.PostAsJsonAsync("/v1/credentials", new { identity = inFirst, name = "db password", kind = "secret", secret = "s3cr3t-shared-Value" });
        var reused = await admin.PostAsJsonAsync("/v1/credentials", new { identity = inSecond, name = "db password", kind = "secret", secret = "s3cr3t-shared-Value" });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reused.StatusCode);
        await server.RefusalAsync("credential.create", $"identity/{inSecond}");
    }
}
