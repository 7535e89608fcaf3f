using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests.Policy;

/// <summary>Environments of their own per test, with a policy applied, so tests never see each other's policies.</summary>
internal static class PolicyFixture
{
    public static async Task<string> EnvironmentAsync(this TestServer server, string policyBody)
    {
        var name = $"p{Guid.NewGuid():N}"[..12];
        using var admin = server.Client();
        (await admin.PostAsJsonAsync("/v1/environments", new { name })).EnsureSuccessStatusCode();
        var applied = await server.ApplyAsync(name, policyBody);
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
        return name;
    }

    public static async Task<HttpResponseMessage> ApplyAsync(this TestServer server, string environment, string policyBody)
    {
        using var admin = server.Client();
        return await admin.PutAsync($"/v1/policies/{environment}",
            new StringContent($"environment: {environment}\n{policyBody}", Encoding.UTF8, "application/yaml"));
    }

    public static async Task<(string Id, string Name)> IdentityAsync(this TestServer server, string environment, string name)
    {
        using var admin = server.Client();
        await admin.PostAsJsonAsync("/v1/owners", new { name = "team-policy", contact = "policy@example.com" });
        var response = await admin.PostAsJsonAsync("/v1/identities", new { name, environment, owner = "team-policy" });
        response.EnsureSuccessStatusCode();
        return ((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>(), name);
    }

    public static async Task<string> ApiKeyAsync(this TestServer server, string identity)
    {
        using var admin = server.Client();
        var issued = await admin.PostAsJsonAsync($"/v1/identities/{identity}/apikeys", new { });
        var body = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(issued.IsSuccessStatusCode, body.ToJsonString());
        return body["key"]!.GetValue<string>();
    }

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>The refused audit event of <paramref name="action"/> on <paramref name="target"/>, which names the rule.</summary>
    public static async Task<JsonNode> RefusalAsync(this TestServer server, string action, string target)
    {
        var events = await server.AuditAsync(action);
        return Assert.Single(events, e => e["outcome"]!.GetValue<string>() == "refused" && e["target"]!.GetValue<string>() == target);
    }
}
