using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Lanyard.Server.Tests.Fixtures;

namespace Lanyard.Server.Tests.Policy;

public sealed class PolicyApiTests(TestServer server) : IClassFixture<TestServer>
{
    [Fact]
    public async Task Applying_a_policy_stores_a_version_sets_the_environments_thresholds_and_is_audited()
    {
        var env = await server.EnvironmentAsync("stale-after: 45d\nrenewal-window: 14d\n");
        using var admin = server.Client();

        var second = await server.ApplyAsync(env, "stale-after: 60d\ncredentials:\n  api-key: { allowed: false }\n");
        var applied = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        var current = (await admin.GetFromJsonAsync<JsonObject>($"/v1/policies/{env}"))!;
        var history = (await admin.GetFromJsonAsync<JsonArray>($"/v1/policies/{env}/history"))!;
        var environment = (await admin.GetFromJsonAsync<JsonObject>($"/v1/environments/{env}"))!;

        Assert.Equal(2, applied["version"]!.GetValue<int>());
        Assert.Contains(applied["changes"]!.AsArray(), c => c!["key"]!.GetValue<string>() == "stale-after"
            && c["before"]!.GetValue<string>() == "45d" && c["after"]!.GetValue<string>() == "60d");
        Assert.Equal(2, current["version"]!.GetValue<int>());
        Assert.Equal("false", current["settings"]!["credentials.api-key.allowed"]!.GetValue<string>());
        Assert.Equal([2, 1], history.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal(60, environment["staleAfterDays"]!.GetValue<int>());
        Assert.Equal(30, environment["renewalWindowDays"]!.GetValue<int>()); // left out of version 2: the default again
        Assert.Equal(2, (await server.AuditAsync("policy.apply")).Count(e => e["target"]!.GetValue<string>() == $"environment/{env}"));
    }

    [Fact]
    public async Task Applying_the_same_file_again_makes_no_new_version()
    {
        var env = await server.EnvironmentAsync("stale-after: 45d\n");

        var again = await server.ApplyAsync(env, "stale-after: 45d\n");

        var body = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(body["changed"]!.GetValue<bool>());
        Assert.Equal(1, body["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_invalid_policy_is_a_400_listing_every_error_by_line_and_column_and_stores_nothing()
    {
        using var admin = server.Client();
        var env = $"p{Guid.NewGuid():N}"[..12];
        (await admin.PostAsJsonAsync("/v1/environments", new { name = env })).EnsureSuccessStatusCode();

        var response = await server.ApplyAsync(env, "stale-after: -3d\ncredentials:\n  client-secret: { max-lifetime: 30d, rotate-after: 60d }\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await PolicyFixture.ProblemAsync(response);
        Assert.Equal("urn:lanyard:problem:invalid-policy", problem["type"]!.GetValue<string>());
        var errors = problem["errors"]!.AsArray();
        Assert.Equal([(2, 14), (4, 53)], errors.Select(e => (e!["line"]!.GetValue<int>(), e["column"]!.GetValue<int>())));
        Assert.Contains("cannot be negative", errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/policies/{env}")).StatusCode);
    }

    [Fact]
    public async Task A_policy_for_another_environment_is_refused()
    {
        var env = await server.EnvironmentAsync("");
        using var admin = server.Client();

        var response = await admin.PutAsync($"/v1/policies/{env}", new StringContent("environment: dev\n", Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("governs environment 'dev'", (await PolicyFixture.ProblemAsync(response))["detail"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_diff_lists_what_would_change_and_changes_nothing()
    {
        var env = await server.EnvironmentAsync("credentials:\n  access-token: { max-lifetime: 15m }\n");
        using var admin = server.Client();

        var response = await admin.PostAsync($"/v1/policies/{env}/diff",
            new StringContent($"environment: {env}\ncredentials:\n  access-token: {{ max-lifetime: 5m }}\n", Encoding.UTF8, "application/yaml"));

        var diff = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var change = Assert.Single(diff["changes"]!.AsArray());
        Assert.Equal(("credentials.access-token.max-lifetime", "15m", "5m"),
            (change!["key"]!.GetValue<string>(), change["before"]!.GetValue<string>(), change["after"]!.GetValue<string>()));
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonObject>($"/v1/policies/{env}"))!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_environment_governed_by_a_policy_refuses_threshold_changes_outside_it()
    {
        var env = await server.EnvironmentAsync("stale-after: 45d\n");
        using var admin = server.Client();

        var response = await admin.PatchAsJsonAsync($"/v1/environments/{env}", new { staleAfterDays = 10 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task An_environment_without_a_policy_has_none_to_show()
    {
        using var admin = server.Client();

        var response = await admin.GetAsync("/v1/policies/staging");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("runs on the defaults", (await PolicyFixture.ProblemAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
