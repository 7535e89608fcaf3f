using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lanyard.Server.Tests.Access;

/// <summary>
/// For every kind of credential Lanyard issues: one issued in dev works in dev, and every other
/// environment's endpoints refuse it (token endpoint, introspection, revocation, the API's
/// environment-bound routes), and no other environment's trust bundle verifies it.
/// </summary>
public sealed class IsolationTests(TestServer server) : IClassFixture<TestServer>, IDisposable
{
    private const string Home = "dev";
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly string[] Others = ["staging", "prod"];

    private readonly string _folder = Directory.CreateTempSubdirectory("lanyard-isolation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_api_key_of_dev_is_refused_by_every_other_environments_endpoints()
    {
        var identity = await server.CreateIdentityAsync(Home);
        var key = await IssueApiKeyAsync(identity);

        await AssertWorksAtHomeAsync(key, identity);
        foreach (var other in Others)
        {
            await AssertRefusedByEnvironmentRoutesAsync(key, other);
            await AssertUnknownToOAuthAsync(key, other);
        }
    }

    [Fact]
    public async Task A_workload_token_of_dev_is_refused_by_every_other_environments_endpoints()
    {
        var identity = await server.CreateIdentityAsync(Home);
        using var admin = server.Client();
        var token = (await AccessWorld.PostAsync(admin, "/v1/principals",
            new { name = $"wl-{Guid.NewGuid():N}", role = "workload", identity }))["token"]!.GetValue<string>();

        await AssertWorksAtHomeAsync(token, identity);
        foreach (var other in Others)
        {
            await AssertRefusedByEnvironmentRoutesAsync(token, other);
            await AssertUnknownToOAuthAsync(token, other);
        }
    }

    [Fact]
    public async Task A_client_secret_of_dev_is_refused_by_every_other_environments_token_introspection_and_revocation_endpoints()
    {
        var client = await OAuthClientHandle.CreateAsync(server, Home);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("token", [new("grant_type", "client_credentials")])).StatusCode);

        foreach (var other in Others)
        {
            var token = await client.PostAsync("token", [new("grant_type", "client_credentials")], environment: other);
            var introspect = await client.PostAsync("introspect", [new("token", "anything")], environment: other);
            var revoke = await client.PostAsync("revoke", [new("token", "anything")], environment: other);

            Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
            Assert.Equal("invalid_client", await OAuthTokenTests.ErrorAsync(token));
            Assert.Equal(HttpStatusCode.Unauthorized, introspect.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, revoke.StatusCode);
        }
    }

    [Fact]
    public async Task A_private_key_jwt_assertion_of_a_dev_client_is_refused_by_every_other_environments_token_endpoint()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key));
        var client = await OAuthClientHandle.CreateAsync(server, Home, new JsonObject
        {
            ["scopes"] = new JsonArray("jobs.run"),
            ["jwks"] = new JsonObject { ["keys"] = new JsonArray(new JsonObject { ["kty"] = "EC", ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y, ["kid"] = "k1" }) },
        });

        Assert.Equal(HttpStatusCode.OK, (await AssertionTokenAsync(client, Assertion(client, key, client.Issuer), Home)).StatusCode);
        foreach (var other in Others)
        {
            var otherIssuer = client.Issuer[..client.Issuer.LastIndexOf('/')] + "/" + other;
            var homeAudience = await AssertionTokenAsync(client, Assertion(client, key, client.Issuer), other);
            var otherAudience = await AssertionTokenAsync(client, Assertion(client, key, otherIssuer), other);

            Assert.Equal(HttpStatusCode.Unauthorized, homeAudience.StatusCode);
            Assert.Equal("invalid_client", await OAuthTokenTests.ErrorAsync(homeAudience));
            Assert.Equal(HttpStatusCode.Unauthorized, otherAudience.StatusCode);
            Assert.Equal("invalid_client", await OAuthTokenTests.ErrorAsync(otherAudience));
        }
    }

    [Fact]
    public async Task An_access_token_of_dev_is_refused_by_every_other_environment_and_verifies_under_no_other_key_set()
    {
        var client = await OAuthClientHandle.CreateAsync(server, Home);
        var token = await client.TokenAsync();

        await AssertWorksAtHomeAsync(token, client.IdentityId);
        foreach (var other in Others)
        {
            await AssertRefusedByEnvironmentRoutesAsync(token, other);
            var otherClient = await OAuthClientHandle.CreateAsync(server, other);
            var introspected = await otherClient.IntrospectAsync(token);
            Assert.False(introspected["active"]!.GetValue<bool>(), introspected.ToJsonString());

            // Revoking it at another environment's endpoint leaves it alive at home.
            Assert.Equal(HttpStatusCode.OK, (await otherClient.PostAsync("revoke", [new("token", token)])).StatusCode);
            Assert.True((await client.IntrospectAsync(token))["active"]!.GetValue<bool>());

            Assert.False((await ValidateAgainstJwksAsync(token, $"/oauth2/{other}/jwks")).IsValid);
            using var forged = server.Client(WithIssuer(token, client.Issuer[..client.Issuer.LastIndexOf('/')] + "/" + other));
            Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/v1/whoami")).StatusCode);
        }

        Assert.True((await ValidateAgainstJwksAsync(token, $"/oauth2/{Home}/jwks")).IsValid);
    }

    [Fact]
    public async Task An_x509_svid_of_dev_names_dev_and_chains_to_no_other_environments_bundle()
    {
        var identity = await server.CreateIdentityAsync(Home);
        using var workload = server.Client(await IssueApiKeyAsync(identity));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=workload", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        var response = await workload.PostAsJsonAsync("/v1/svid/x509", new { csr = request });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.StartsWith("spiffe://dev.", body["spiffeId"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertVerifiesOnlyAtHomeAsync(body["svid"]!.GetValue<string>(), body["chain"]!.AsArray());
    }

    [Fact]
    public async Task A_jwt_svid_of_dev_validates_under_no_other_environments_bundle()
    {
        var identity = await server.CreateIdentityAsync(Home);
        using var workload = server.Client(await IssueApiKeyAsync(identity));
        const string Audience = "spiffe://dev.lanyard.internal/db";

        var response = await workload.PostAsJsonAsync("/v1/svid/jwt", new { audience = new[] { Audience } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();

        Assert.True((await ValidateAgainstBundleAsync(token, Home, Audience)).IsValid);
        foreach (var other in Others)
        {
            Assert.False((await ValidateAgainstBundleAsync(token, other, Audience)).IsValid);
        }
    }

    [Fact]
    public async Task A_tls_certificate_of_dev_chains_to_no_other_environments_bundle()
    {
        var identity = await server.CreateIdentityAsync(Home);
        using var admin = server.Client();

        var issued = await AccessWorld.PostAsync(admin, $"/v1/identities/{identity}/certificates", new { dnsNames = new[] { "orders.dev.example" } });

        await AssertVerifiesOnlyAtHomeAsync(issued["certificate"]!.GetValue<string>(), issued["chain"]!.AsArray());
    }

    [Fact]
    public async Task A_secret_already_registered_in_dev_is_refused_in_every_other_environment_and_audited()
    {
        var secret = $"db-password-{Guid.NewGuid():N}";
        using var admin = server.Client();
        var home = await admin.PostAsJsonAsync("/v1/credentials", new { identity = await server.CreateIdentityAsync(Home), name = "db", kind = "secret", secret });
        Assert.Equal(HttpStatusCode.Created, home.StatusCode);
        var again = await admin.PostAsJsonAsync("/v1/credentials", new { identity = await server.CreateIdentityAsync(Home), name = "db", kind = "secret", secret });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);

        foreach (var other in Others)
        {
            var identity = await server.CreateIdentityAsync(other);
            var response = await admin.PostAsJsonAsync("/v1/credentials", new { identity, name = "db", kind = "secret", secret });

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("secret", problem["field"]!.GetValue<string>());
            Assert.Contains("environment 'dev'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            var page = (await admin.GetFromJsonAsync<JsonObject>($"/v1/credentials?identity={identity}"))!;
            Assert.Empty(page["items"]!.AsArray());
        }

        var refusals = await server.AuditAsync("credential.create");
        Assert.Equal(Others.Length, refusals.Count(e => e["outcome"]!.ToString() == "refused"
            && e["detail"]!.GetValue<string>().Contains("\"rule\":\"isolation\"", StringComparison.Ordinal)));
        Assert.DoesNotContain(refusals, e => e["detail"]!.GetValue<string>().Contains(secret, StringComparison.Ordinal));
    }

    private async Task<string> IssueApiKeyAsync(string identity)
    {
        using var admin = server.Client();
        return (await AccessWorld.PostAsync(admin, $"/v1/identities/{identity}/apikeys", new { }))["key"]!.GetValue<string>();
    }

    private async Task AssertWorksAtHomeAsync(string bearer, string identity)
    {
        using var caller = server.Client(bearer);
        var whoami = (await caller.GetFromJsonAsync<JsonObject>("/v1/whoami"))!;
        Assert.Equal(Home, whoami["environment"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync($"/v1/identities/{identity}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync($"/v1/credentials?identity={identity}")).StatusCode);
    }

    /// <summary>The API's routes bound to another environment refuse the credential, naming that environment.</summary>
    private async Task AssertRefusedByEnvironmentRoutesAsync(string bearer, string other)
    {
        var foreignIdentity = await server.CreateIdentityAsync(other);
        var foreignCredential = await CredentialOfAsync(await IssueApiKeyAsync(foreignIdentity));
        using var caller = server.Client(bearer);
        (HttpMethod Method, string Path)[] routes =
        [
            (HttpMethod.Get, $"/v1/identities/{foreignIdentity}"),
            (HttpMethod.Get, $"/v1/credentials?identity={foreignIdentity}"),
            (HttpMethod.Get, $"/v1/credentials?environment={other}"),
            (HttpMethod.Get, $"/v1/credentials/{foreignCredential}"),
            (HttpMethod.Post, $"/v1/credentials/{foreignCredential}/rotate"),
            (HttpMethod.Post, $"/v1/identities/{foreignIdentity}/apikeys"),
            (HttpMethod.Get, $"/v1/environments/{other}"),
        ];
        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? JsonContent.Create(new { }) : null };
            var response = await caller.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode}");
        }
    }

    /// <summary>Another environment's OAuth2 endpoints neither take the credential as a client secret nor know it as a token.</summary>
    private async Task AssertUnknownToOAuthAsync(string credential, string other)
    {
        var otherClient = await OAuthClientHandle.CreateAsync(server, other);
        var asSecret = otherClient with { Registration = new JsonObject { ["clientId"] = otherClient.ClientId, ["clientSecret"] = credential } };

        var token = await asSecret.PostAsync("token", [new("grant_type", "client_credentials")]);
        var introspected = await otherClient.IntrospectAsync(credential);

        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.False(introspected["active"]!.GetValue<bool>());
    }

    private async Task<string> CredentialOfAsync(string apiKey)
    {
        using var caller = server.Client(apiKey);
        return (await caller.GetFromJsonAsync<JsonObject>("/v1/whoami"))!["credential"]!["id"]!.GetValue<string>();
    }

    private async Task AssertVerifiesOnlyAtHomeAsync(string certificatePem, JsonArray chain)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "leaf.pem"), certificatePem);
        await File.WriteAllTextAsync(Path.Combine(_folder, "chain.pem"), string.Concat(chain.Select(c => c!.GetValue<string>())));
        using var anonymous = server.Client(bearer: null);
        foreach (var environment in Others.Prepend(Home))
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, $"{environment}.pem"), await anonymous.GetStringAsync($"/v1/bundle/{environment}.pem"));
            var verify = await OpenSsl.RunAsync(_folder, "verify", "-CAfile", $"{environment}.pem", "-untrusted", "chain.pem", "leaf.pem");
            Assert.True((verify.ExitCode == 0) == (environment == Home), $"openssl verify against {environment}: {verify.Output}");
        }
    }

    private async Task<TokenValidationResult> ValidateAgainstBundleAsync(string token, string environment, string audience)
    {
        using var anonymous = server.Client(bearer: null);
        var keys = new JsonWebKeySet(await anonymous.GetStringAsync($"/v1/bundle/{environment}")).Keys.Where(k => k.Use == "jwt-svid").ToList();
        return await Validate(token, keys, audience);
    }

    private async Task<TokenValidationResult> ValidateAgainstJwksAsync(string token, string path)
    {
        using var anonymous = server.Client(bearer: null);
        var keys = new JsonWebKeySet(await anonymous.GetStringAsync(path)).Keys;
        return await Validate(token, keys, audience: null);
    }

    private Task<TokenValidationResult> Validate(string token, IList<JsonWebKey> keys, string? audience) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = audience is not null,
            ValidAudience = audience,
            IssuerSigningKeys = keys,
            LifetimeValidator = (_, expires, _, _) => expires > server.Time.GetUtcNow().UtcDateTime,
        });

    /// <summary>The token with its issuer rewritten and its signature kept: what a forger would try.</summary>
    private static string WithIssuer(string token, string issuer)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["iss"] = issuer;
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private static string Assertion(OAuthClientHandle client, ECDsa key, string issuer)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = client.ClientId,
            Audience = issuer + "/token",
            IssuedAt = now,
            Expires = now + TimeSpan.FromMinutes(2),
            Claims = new Dictionary<string, object> { ["sub"] = client.ClientId, ["jti"] = Guid.NewGuid().ToString() },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = "k1" }, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static Task<HttpResponseMessage> AssertionTokenAsync(OAuthClientHandle client, string assertion, string environment) =>
        client.PostAsync("token",
        [
            new("grant_type", "client_credentials"), new("client_assertion_type", AssertionType), new("client_assertion", assertion),
        ], basic: false, environment: environment);
}
