using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lanyard.Server.Tests;

public sealed class OAuthTokenTests(TestServer server) : IClassFixture<TestServer>
{
    private static readonly KeyValuePair<string, string> ClientCredentials = new("grant_type", "client_credentials");

    [Fact]
    public async Task Metadata_sits_at_the_rfc8414_well_known_url_derived_from_the_issuer()
    {
        using var http = server.Client(bearer: null);

        var metadata = (await http.GetFromJsonAsync<JsonObject>("/.well-known/oauth-authorization-server/oauth2/prod"))!;

        var issuer = metadata["issuer"]!.GetValue<string>();
        Assert.Equal(new Uri(server.Address, "/oauth2/prod").ToString(), issuer);
        Assert.Equal(issuer + "/token", metadata["token_endpoint"]!.GetValue<string>());
        Assert.Equal(issuer + "/jwks", metadata["jwks_uri"]!.GetValue<string>());
        Assert.Equal(issuer + "/introspect", metadata["introspection_endpoint"]!.GetValue<string>());
        Assert.Equal(issuer + "/revoke", metadata["revocation_endpoint"]!.GetValue<string>());
        Assert.Equal(["client_credentials"], metadata["grant_types_supported"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Contains("private_key_jwt", metadata["token_endpoint_auth_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task The_access_token_verifies_independently_against_the_published_jwks()
    {
        var client = await OAuthClientHandle.CreateAsync(server, "staging");
        using var http = server.Client(bearer: null);

        var token = await client.TokenAsync("orders.read");

        var metadata = (await http.GetFromJsonAsync<JsonObject>("/.well-known/oauth-authorization-server/oauth2/staging"))!;
        var jwks = new JsonWebKeySet(await http.GetStringAsync(metadata["jwks_uri"]!.GetValue<string>()));
        var issuer = metadata["issuer"]!.GetValue<string>();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = issuer,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("ES256", jwt.Alg);
        Assert.Contains(jwks.Keys, k => k.Kid == jwt.Kid);
        Assert.StartsWith("spiffe://staging.lanyard.internal/", jwt.Subject, StringComparison.Ordinal);
        Assert.Equal(client.ClientId, jwt.GetPayloadValue<string>("client_id"));
        Assert.Equal("orders.read", jwt.GetPayloadValue<string>("scope"));
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task Environments_sign_with_different_keys_and_refuse_each_others_tokens()
    {
        var dev = await OAuthClientHandle.CreateAsync(server, "dev");
        var prod = await OAuthClientHandle.CreateAsync(server, "prod");
        using var http = server.Client(bearer: null);

        var devToken = await dev.TokenAsync();

        var devKeys = new JsonWebKeySet(await http.GetStringAsync("/oauth2/dev/jwks")).Keys.Select(k => k.Kid);
        var prodKeys = new JsonWebKeySet(await http.GetStringAsync("/oauth2/prod/jwks")).Keys.Select(k => k.Kid);
        Assert.Empty(devKeys.Intersect(prodKeys));
        Assert.True((await dev.IntrospectAsync(devToken))["active"]!.GetValue<bool>());
        Assert.False((await prod.IntrospectAsync(devToken))["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_token_whose_issuer_is_rewritten_to_another_environment_is_refused_by_the_api()
    {
        var dev = await OAuthClientHandle.CreateAsync(server, "dev");
        var token = await dev.TokenAsync();
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["iss"] = payload["iss"]!.GetValue<string>().Replace("/oauth2/dev", "/oauth2/prod", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
        using var workload = server.Client(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.GetAsync("/v1/whoami")).StatusCode);
    }

    [Fact]
    public async Task Whoami_with_an_access_token_names_the_identity_client_and_scope()
    {
        var client = await OAuthClientHandle.CreateAsync(server, "prod");
        using var workload = server.Client(await client.TokenAsync("orders.write"));

        var whoami = (await workload.GetFromJsonAsync<JsonObject>("/v1/whoami"))!;

        Assert.Equal("prod", whoami["environment"]!.GetValue<string>());
        Assert.Equal(client.IdentityId, whoami["identity"]!["id"]!.GetValue<string>());
        Assert.Equal("access-token", whoami["credential"]!["kind"]!.GetValue<string>());
        Assert.Equal(client.ClientId, whoami["credential"]!["clientId"]!.GetValue<string>());
        Assert.Equal("orders.write", whoami["credential"]!["scope"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await workload.GetAsync("/v1/identities")).StatusCode);
    }

    [Fact]
    public async Task Client_secret_post_works_like_basic()
    {
        var client = await OAuthClientHandle.CreateAsync(server);

        var response = await client.PostAsync("token",
            [ClientCredentials, new("client_id", client.ClientId), new("client_secret", client.Secret)], basic: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(900, body["expires_in"]!.GetValue<long>());
        Assert.Equal("orders.read orders.write", body["scope"]!.GetValue<string>());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_wrong_secret_is_invalid_client_with_a_basic_challenge_and_is_audited()
    {
        var client = await OAuthClientHandle.CreateAsync(server);
        var impostor = client with { Registration = new JsonObject
        {
            ["clientId"] = client.ClientId, ["clientSecret"] = Core.Keys.LanyardKeyFormat.Create("dev"),
        } };

        var response = await impostor.PostAsync("token", [ClientCredentials]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        var refusal = (await server.AuditAsync("oauth.token")).Last();
        Assert.Equal("refused", refusal["outcome"]!.GetValue<string>());
        Assert.Contains("the client secret is wrong", refusal["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(impostor.Secret, refusal.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_of_one_environment_is_unknown_at_another_environments_token_endpoint()
    {
        var client = await OAuthClientHandle.CreateAsync(server, "dev");

        var response = await client.PostAsync("token", [ClientCredentials], environment: "prod");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await ErrorAsync(response));
    }

    [Fact]
    public async Task Missing_client_authentication_is_invalid_client()
    {
        var client = await OAuthClientHandle.CreateAsync(server);

        var response = await client.PostAsync("token", [ClientCredentials, new("client_id", client.ClientId)], basic: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await ErrorAsync(response));
    }

    [Theory]
    [InlineData("password", "unsupported_grant_type")]
    [InlineData("authorization_code", "unsupported_grant_type")]
    [InlineData(null, "invalid_request")]
    public async Task Other_grant_types_are_refused_and_nothing_is_issued(string? grantType, string error)
    {
        var client = await OAuthClientHandle.CreateAsync(server);
        var form = grantType is null ? new Dictionary<string, string>() : new() { ["grant_type"] = grantType };

        var response = await client.PostAsync("token", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await ErrorAsync(response));
        Assert.DoesNotContain(await server.AuditAsync("oauth.token"),
            e => e["outcome"]!.GetValue<string>() == "success" && e["target"]!.GetValue<string>().EndsWith(client.ClientId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scope_the_client_does_not_hold_is_invalid_scope()
    {
        var client = await OAuthClientHandle.CreateAsync(server);

        var response = await client.PostAsync("token", [ClientCredentials, new("scope", "orders.read admin")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", await ErrorAsync(response));
    }

    [Fact]
    public async Task A_json_body_or_a_repeated_parameter_is_invalid_request()
    {
        var client = await OAuthClientHandle.CreateAsync(server);
        using var http = server.Client(bearer: null);

        var json = await http.PostAsync("/oauth2/dev/token",
            new StringContent("{\"grant_type\":\"client_credentials\"}", Encoding.UTF8, "application/json"));
        var repeated = await client.PostAsync("token", [ClientCredentials, ClientCredentials]);

        Assert.Equal("invalid_request", await ErrorAsync(json));
        Assert.Equal("invalid_request", await ErrorAsync(repeated));
    }

    [Fact]
    public async Task An_oversized_body_is_invalid_request()
    {
        var client = await OAuthClientHandle.CreateAsync(server);

        var response = await client.PostAsync("token", [ClientCredentials, new("scope", new string('a', 64 * 1024))]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await ErrorAsync(response));
    }

    [Fact]
    public async Task An_unknown_environment_is_404()
    {
        using var http = server.Client(bearer: null);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/.well-known/oauth-authorization-server/oauth2/nowhere")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/oauth2/nowhere/jwks")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_client_secret_no_longer_obtains_tokens()
    {
        var client = await OAuthClientHandle.CreateAsync(server);
        await client.TokenAsync();
        using var admin = server.Client();

        (await admin.PostAsJsonAsync($"/v1/credentials/{client.CredentialId}/revoke", new { })).EnsureSuccessStatusCode();

        Assert.Equal("invalid_client", await ErrorAsync(await client.PostAsync("token", [ClientCredentials])));
    }

    internal static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["error"]?.GetValue<string>();
}
