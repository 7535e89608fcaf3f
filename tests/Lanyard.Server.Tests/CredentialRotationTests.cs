using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests;

public sealed class CredentialRotationTests(TestServer server) : IClassFixture<TestServer>
{
    private async Task<HttpResponseMessage> RotateAsync(string credentialId, object? body = null)
    {
        using var admin = server.Client();
        return await admin.PostAsJsonAsync($"/v1/credentials/{credentialId}/rotate", body ?? new { });
    }

    private static OAuthClientHandle WithSecret(OAuthClientHandle client, string secret)
    {
        var registration = (JsonObject)client.Registration.DeepClone();
        registration["clientSecret"] = secret;
        return client with { Registration = registration };
    }

    [Fact]
    public async Task A_rotated_client_secret_and_its_successor_both_obtain_tokens_during_the_overlap()
    {
        var client = await OAuthClientHandle.CreateAsync(server, "staging");

        var response = await RotateAsync(client.CredentialId);
        var rotated = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var successor = WithSecret(client, rotated["secret"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await client.TokenAsync());
        Assert.NotEmpty(await successor.TokenAsync());
        Assert.Equal(client.CredentialId, rotated["credential"]!["rotatedFrom"]!.GetValue<string>());
        Assert.Equal(rotated["credential"]!["id"]!.GetValue<string>(), rotated["predecessor"]!["supersededBy"]!.GetValue<string>());
        var retiresAt = rotated["predecessor"]!["retiresAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(server.Time.GetUtcNow().AddHours(24), retiresAt, TimeSpan.FromSeconds(1));
        Assert.Contains(await server.AuditAsync("credential.rotate"), e => e["target"]!.GetValue<string>() == $"credential/{client.CredentialId}");
    }

    [Fact]
    public async Task Rotating_without_overlap_ends_the_old_secret_and_its_tokens_at_once()
    {
        var client = await OAuthClientHandle.CreateAsync(server);
        var token = await client.TokenAsync();
        using var workload = server.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await workload.GetAsync("/v1/whoami")).StatusCode);

        var rotated = (await (await RotateAsync(client.CredentialId, new { overlap = "0" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var successor = WithSecret(client, rotated["secret"]!.GetValue<string>());

        Assert.False((await successor.IntrospectAsync(token))["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.GetAsync("/v1/whoami")).StatusCode);
        var refused = await client.PostAsync("token", [new("grant_type", "client_credentials")]);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True((await successor.IntrospectAsync(await successor.TokenAsync()))["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Revoking_a_client_secret_ends_its_unexpired_tokens_at_once()
    {
        var client = await OAuthClientHandle.CreateAsync(server);
        var token = await client.TokenAsync();
        using var workload = server.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await workload.GetAsync("/v1/whoami")).StatusCode);

        using var admin = server.Client();
        var revoked = await admin.PostAsJsonAsync($"/v1/credentials/{client.CredentialId}/revoke", new { reason = "leaked" });

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.GetAsync("/v1/whoami")).StatusCode);
    }

    [Fact]
    public async Task An_api_key_rotates_once_and_a_second_rotation_is_a_conflict()
    {
        var identity = await server.CreateIdentityAsync();
        using var admin = server.Client();
        var issued = (await (await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { ttl = "7d" }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        var id = issued["credential"]!["id"]!.GetValue<string>();

        var first = await RotateAsync(id, new { overlap = "2h" });
        var second = await RotateAsync(id);
        var rotated = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        using var workload = server.Client(rotated["secret"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await workload.GetAsync("/v1/whoami")).StatusCode);
        Assert.Equal(7, (rotated["credential"]!["expiresAt"]!.GetValue<DateTimeOffset>() - server.Time.GetUtcNow()).TotalDays, 0.01);
    }

    [Theory]
    [InlineData("soon", HttpStatusCode.BadRequest)]
    [InlineData("31d", HttpStatusCode.BadRequest)]
    public async Task A_bad_overlap_is_refused_and_rotates_nothing(string overlap, HttpStatusCode status)
    {
        var client = await OAuthClientHandle.CreateAsync(server);

        var response = await RotateAsync(client.CredentialId, new { overlap });

        Assert.Equal(status, response.StatusCode);
        Assert.Contains("overlap", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(await client.TokenAsync());
        Assert.Equal(HttpStatusCode.OK, (await RotateAsync(client.CredentialId)).StatusCode);
    }

    [Fact]
    public async Task Rotating_an_unknown_credential_is_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await RotateAsync(Guid.NewGuid().ToString())).StatusCode);
    }
}
