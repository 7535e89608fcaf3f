using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests;

/// <summary>Tests that move the server's clock; they get a server of their own.</summary>
public sealed class ApiKeyLifetimeTests(TestServer server) : IClassFixture<TestServer>
{
    [Fact]
    public async Task A_key_fails_once_its_ttl_has_passed_and_use_is_recorded_at_most_once_a_minute()
    {
        var identity = await server.CreateIdentityAsync();
        using var admin = server.Client();
        var issued = (await (await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { ttl = "1h" }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        var credentialId = issued["credential"]!["id"]!.GetValue<string>();
        using var workload = server.Client(issued["key"]!.GetValue<string>());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await workload.GetAsync("/v1/whoami")).StatusCode);
        }

        var afterFirst = (await admin.GetFromJsonAsync<JsonObject>($"/v1/credentials/{credentialId}"))!;
        Assert.Equal(server.Time.GetUtcNow(), afterFirst["lastUsedAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("127.0.0.1", afterFirst["lastUsedFrom"]!.GetValue<string>());
        Assert.Single(await UsesAsync(credentialId));

        server.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await workload.GetAsync("/v1/whoami")).StatusCode);
        Assert.Equal(2, (await UsesAsync(credentialId)).Count);

        server.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.GetAsync("/v1/whoami")).StatusCode);
        var refusal = (await server.AuditAsync("auth.login")).Last(e => e["outcome"]!.GetValue<string>() == "refused");
        Assert.Contains("expired", refusal["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<List<JsonNode>> UsesAsync(string credentialId) =>
        (await server.AuditAsync("credential.use")).Where(e => e["target"]!.GetValue<string>() == $"credential/{credentialId}").ToList();
}
