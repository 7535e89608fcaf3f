using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests;

public sealed class OAuthIntrospectionTests(TestServer server) : IClassFixture<TestServer>
{
    [Fact]
    public async Task Introspection_describes_an_active_token()
    {
        var client = await OAuthClientHandle.CreateAsync(server, "prod");
        var token = await client.TokenAsync("orders.read");

        var answer = await client.IntrospectAsync(token);

        Assert.True(answer["active"]!.GetValue<bool>());
        Assert.Equal(client.ClientId, answer["client_id"]!.GetValue<string>());
        Assert.Equal("orders.read", answer["scope"]!.GetValue<string>());
        Assert.Equal(client.Issuer, answer["iss"]!.GetValue<string>());
        Assert.StartsWith("spiffe://prod.lanyard.internal/", answer["sub"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(900, answer["exp"]!.GetValue<long>() - answer["iat"]!.GetValue<long>());
    }

    [Fact]
    public async Task Introspection_needs_client_authentication()
    {
        var client = await OAuthClientHandle.CreateAsync(server);
        var token = await client.TokenAsync();

        var response = await client.PostAsync("introspect", [new("token", token)], basic: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await OAuthTokenTests.ErrorAsync(response));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.")]
    [InlineData("eyJub3QganNvbg.eyJub3QganNvbg.c2ln")]
    public async Task Garbage_is_simply_inactive(string token)
    {
        var client = await OAuthClientHandle.CreateAsync(server);

        Assert.False((await client.IntrospectAsync(token))["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_revoked_token_fails_introspection_and_the_api_at_once()
    {
        var client = await OAuthClientHandle.CreateAsync(server);
        var token = await client.TokenAsync();
        using var workload = server.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await workload.GetAsync("/v1/whoami")).StatusCode);

        var revoke = await client.PostAsync("revoke", [new("token", token), new("token_type_hint", "access_token")]);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.False((await client.IntrospectAsync(token))["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.GetAsync("/v1/whoami")).StatusCode);
        Assert.Contains(await server.AuditAsync("oauth.revoke"), e => e["outcome"]!.GetValue<string>() == "success");
    }

    [Fact]
    public async Task Revoking_an_unknown_token_is_not_an_error()
    {
        var client = await OAuthClientHandle.CreateAsync(server);

        var response = await client.PostAsync("revoke", [new("token", "whatever")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_client_cannot_revoke_another_clients_token()
    {
        var owner = await OAuthClientHandle.CreateAsync(server);
        var other = await OAuthClientHandle.CreateAsync(server);
        var token = await owner.TokenAsync();

        var response = await other.PostAsync("revoke", [new("token", token)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unauthorized_client", await OAuthTokenTests.ErrorAsync(response));
        Assert.True((await owner.IntrospectAsync(token))["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Client_registration_rejects_bad_scopes_and_private_keys_in_the_jwks()
    {
        var identity = await server.CreateIdentityAsync();
        using var admin = server.Client();

        var badScope = await admin.PostAsJsonAsync($"/v1/identities/{identity}/clients", new { scopes = new[] { "has space" } });
        var privateKey = await admin.PostAsJsonAsync($"/v1/identities/{identity}/clients", new
        {
            jwks = new { keys = new[] { new { kty = "oct", k = "c2VjcmV0" } } },
        });

        Assert.Equal("scopes", (await badScope.Content.ReadFromJsonAsync<JsonObject>())!["field"]!.GetValue<string>());
        Assert.Equal("jwks.keys[0]", (await privateKey.Content.ReadFromJsonAsync<JsonObject>())!["field"]!.GetValue<string>());
        var credentials = await admin.GetFromJsonAsync<JsonObject>($"/v1/credentials?identity={identity}");
        Assert.Empty(credentials!["items"]!.AsArray());
    }
}
