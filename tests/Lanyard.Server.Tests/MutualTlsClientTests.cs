using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Lanyard.Server.Tests;

/// <summary>
/// RFC 8705 over real TLS: clients present X.509-SVIDs the server issued, with an HttpClient of
/// their own, and the server authenticates them against the environment's CA and inventory.
/// </summary>
public sealed class MutualTlsClientTests(TestServer server) : IClassFixture<TestServer>
{
    private sealed record Workload(string Identity, string ApiKey, string SpiffeId);

    private async Task<Workload> WorkloadAsync(string environment = "dev")
    {
        var name = $"mtls-{Guid.NewGuid():N}"[..20];
        var identity = await server.CreateIdentityAsync(environment, name);
        using var admin = server.Client();
        var issued = await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { });
        var key = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        return new Workload(identity, key, $"spiffe://{environment}.lanyard.internal/{name}");
    }

    /// <summary>An X.509-SVID issued by the server for the workload, with its private key attached.</summary>
    private async Task<(X509Certificate2 Certificate, string CredentialId)> SvidAsync(Workload workload, string? ttl = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=workload", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        using var http = server.Client(workload.ApiKey);
        var response = await http.PostAsJsonAsync("/v1/svid/x509", new { csr, ttl });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        using var certificate = X509Certificate2.CreateFromPem(body["svid"]!.GetValue<string>());
        return (certificate.CopyWithPrivateKey(key), body["credentialId"]!.GetValue<string>());
    }

    private async Task<string> TlsClientAsync(Workload workload)
    {
        using var admin = server.Client();
        var response = await admin.PostAsJsonAsync($"/v1/identities/{workload.Identity}/clients",
            new { tokenEndpointAuthMethod = "tls_client_auth", scopes = new[] { "orders.read" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Null(body["clientSecret"]);
        Assert.Equal(workload.SpiffeId, body["tlsClientAuthSanUri"]!.GetValue<string>());
        return body["clientId"]!.GetValue<string>();
    }

    private HttpClient ClientWith(X509Certificate2? certificate) => server.Client(bearer: null, certificate);

    private static Task<HttpResponseMessage> RequestTokenAsync(HttpClient http, string clientId, string environment = "dev") =>
        http.PostAsync($"/oauth2/{environment}/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
        }));

    private async Task AssertInvalidClientAsync(HttpResponseMessage response, string clientId, string reason)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        var refusal = (await server.AuditAsync("oauth.token")).Last(e => e["target"]!.GetValue<string>().EndsWith(clientId, StringComparison.Ordinal));
        var detail = JsonNode.Parse(refusal["detail"]!.GetValue<string>())!;
        Assert.Equal("refused", refusal["outcome"]!.GetValue<string>());
        Assert.Equal("tls_client_auth", detail["method"]!.GetValue<string>());
        Assert.Contains(reason, detail["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_presenting_its_svid_gets_a_token_bound_to_that_certificate()
    {
        var workload = await WorkloadAsync();
        var clientId = await TlsClientAsync(workload);
        var (svid, _) = await SvidAsync(workload);
        using var http = ClientWith(svid);

        var response = await RequestTokenAsync(http, clientId);

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        var token = new JsonWebToken(body["access_token"]!.GetValue<string>());
        var thumbprint = Base64UrlThumbprint(svid);
        Assert.Equal(workload.SpiffeId, token.Subject);
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.EncodedPayload))!;
        Assert.Equal(thumbprint, payload["cnf"]!["x5t#S256"]!.GetValue<string>());
        var issued = (await server.AuditAsync("oauth.token")).Last(e => e["outcome"]!.GetValue<string>() == "success"
            && e["target"]!.GetValue<string>().EndsWith(clientId, StringComparison.Ordinal));
        var detail = JsonNode.Parse(issued["detail"]!.GetValue<string>())!;
        Assert.Equal("tls_client_auth", detail["method"]!.GetValue<string>());
        Assert.Equal(thumbprint, detail["certificateThumbprint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Introspection_reports_the_binding_and_the_api_accepts_the_token_only_with_its_certificate()
    {
        var workload = await WorkloadAsync();
        var clientId = await TlsClientAsync(workload);
        var (svid, _) = await SvidAsync(workload);
        var (otherSvid, _) = await SvidAsync(workload);
        using var http = ClientWith(svid);
        var token = (await (await RequestTokenAsync(http, clientId)).Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();

        var introspected = await http.PostAsync("/oauth2/dev/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId, ["token"] = token,
        }));
        var withCertificate = await WhoamiAsync(http, token);
        using var bare = ClientWith(null);
        var withoutCertificate = await WhoamiAsync(bare, token);
        using var other = ClientWith(otherSvid);
        var withAnotherCertificate = await WhoamiAsync(other, token);

        var active = (await introspected.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(active["active"]!.GetValue<bool>(), active.ToJsonString());
        Assert.Equal(Base64UrlThumbprint(svid), active["cnf"]!["x5t#S256"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, withCertificate);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCertificate);
        Assert.Equal(HttpStatusCode.Unauthorized, withAnotherCertificate);
    }

    [Fact]
    public async Task A_certificate_from_another_environments_ca_is_refused_as_invalid_client()
    {
        var workload = await WorkloadAsync("dev");
        var clientId = await TlsClientAsync(workload);
        var (foreign, _) = await SvidAsync(await WorkloadAsync("prod"));
        using var http = ClientWith(foreign);

        var response = await RequestTokenAsync(http, clientId);

        await AssertInvalidClientAsync(response, clientId, "does not chain to the environment's CA");
    }

    [Fact]
    public async Task A_self_signed_certificate_naming_the_clients_spiffe_id_is_refused()
    {
        var workload = await WorkloadAsync();
        var clientId = await TlsClientAsync(workload);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=impostor", key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddUri(new Uri(workload.SpiffeId));
        request.CertificateExtensions.Add(sans.Build());
        using var forged = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        using var http = ClientWith(forged);

        var response = await RequestTokenAsync(http, clientId);

        await AssertInvalidClientAsync(response, clientId, "does not chain to the environment's CA");
    }

    [Fact]
    public async Task An_expired_svid_is_refused_as_invalid_client()
    {
        var workload = await WorkloadAsync();
        var clientId = await TlsClientAsync(workload);
        var (svid, _) = await SvidAsync(workload, ttl: "1m");
        server.Time.Advance(TimeSpan.FromMinutes(2));
        using var http = ClientWith(svid);

        var response = await RequestTokenAsync(http, clientId);

        await AssertInvalidClientAsync(response, clientId, "expired");
    }

    [Fact]
    public async Task A_revoked_svid_is_refused_at_once_and_its_bound_tokens_end_with_it()
    {
        var workload = await WorkloadAsync();
        var clientId = await TlsClientAsync(workload);
        var (svid, credentialId) = await SvidAsync(workload);
        using var http = ClientWith(svid);
        var token = (await (await RequestTokenAsync(http, clientId)).Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        using var admin = server.Client();
        (await admin.PostAsJsonAsync($"/v1/credentials/{credentialId}/revoke", new { reason = "key compromised" })).EnsureSuccessStatusCode();

        var response = await RequestTokenAsync(http, clientId);
        var whoami = await WhoamiAsync(http, token);

        await AssertInvalidClientAsync(response, clientId, "revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, whoami);
    }

    [Fact]
    public async Task An_svid_of_another_identity_is_refused_as_invalid_client()
    {
        var workload = await WorkloadAsync();
        var clientId = await TlsClientAsync(workload);
        var (neighbours, _) = await SvidAsync(await WorkloadAsync());
        using var http = ClientWith(neighbours);

        var response = await RequestTokenAsync(http, clientId);

        await AssertInvalidClientAsync(response, clientId, "instead of the client's SPIFFE ID");
    }

    [Fact]
    public async Task A_secret_client_on_a_connection_without_certificate_still_gets_an_unbound_token()
    {
        var client = await OAuthClientHandle.CreateAsync(server, "dev");

        var token = new JsonWebToken(await client.TokenAsync("orders.read"));

        Assert.False(token.TryGetPayloadValue<object>("cnf", out _));
        using var http = ClientWith(null);
        Assert.Equal(HttpStatusCode.OK, await WhoamiAsync(http, token.EncodedToken));
    }

    [Fact]
    public async Task A_tls_client_without_a_certificate_is_refused_and_the_metadata_advertises_mutual_tls()
    {
        var clientId = await TlsClientAsync(await WorkloadAsync());
        using var http = ClientWith(null);

        var response = await RequestTokenAsync(http, clientId);
        var metadata = (await http.GetFromJsonAsync<JsonObject>("/.well-known/oauth-authorization-server/oauth2/dev"))!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        Assert.Contains("tls_client_auth", metadata["token_endpoint_auth_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.True(metadata["tls_client_certificate_bound_access_tokens"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("private_key_jwt", "jwks")]
    [InlineData("client_secret_jwt", "tokenEndpointAuthMethod")]
    public async Task A_registration_with_an_unusable_method_is_refused_and_creates_no_client(string method, string field)
    {
        var workload = await WorkloadAsync();
        using var admin = server.Client();

        var response = await admin.PostAsJsonAsync($"/v1/identities/{workload.Identity}/clients", new { tokenEndpointAuthMethod = method });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> WhoamiAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static string Base64UrlThumbprint(X509Certificate2 certificate) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(certificate.RawData));
}
