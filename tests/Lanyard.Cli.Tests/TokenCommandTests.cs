using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

public sealed class TokenCommandTests(CliHarness harness) : IClassFixture<CliHarness>
{
    [Fact]
    public async Task Token_create_as_json_prints_a_token_once_that_reaches_only_its_environments()
    {
        var run = await harness.RunAsync("token", "create", "--role", "admin", "--env", "dev", "--ttl", "8h", "--name", "ci-dev", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = JsonNode.Parse(run.Stdout)!;
        var token = output["token"]!.GetValue<string>();
        Assert.StartsWith("lnyt_", token, StringComparison.Ordinal);
        Assert.Equal("admin", output["principal"]!["role"]!.GetValue<string>());
        Assert.Equal(["dev"], output["principal"]!["environments"]!.AsArray().Select(e => e!.GetValue<string>()));
        using var limited = harness.Client(token);
        var inDev = await limited.PostAsJsonAsync("/v1/identities", new { name = "made-in-dev", environment = "dev" });
        var inProd = await limited.PostAsJsonAsync("/v1/identities", new { name = "made-in-prod", environment = "prod" });
        Assert.Equal(HttpStatusCode.Created, inDev.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, inProd.StatusCode);

        var list = await harness.RunAsync("token", "list", "--format", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.DoesNotContain(token, list.Stdout, StringComparison.Ordinal);
        Assert.Contains("ci-dev", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_environment_limited_admin_cannot_create_a_token_beyond_its_environments()
    {
        var limited = JsonNode.Parse((await harness.RunAsync("token", "create", "--role", "admin", "--env", "staging", "--format", "json")).Stdout)!
            ["token"]!.GetValue<string>();

        var within = await harness.RunWithTokenAsync(limited, "token", "create", "--role", "admin", "--env", "staging", "--format", "json");
        var beyond = await harness.RunWithTokenAsync(limited, "token", "create", "--role", "admin", "--env", "prod");
        var unlimited = await harness.RunWithTokenAsync(limited, "token", "create", "--role", "auditor");

        Assert.True(within.ExitCode == 0, within.ToString());
        Assert.NotEqual(0, beyond.ExitCode);
        Assert.Contains("limited to environment(s) staging, not prod", beyond.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, unlimited.ExitCode);
    }

    [Fact]
    public async Task Token_create_with_a_bad_role_exits_2_naming_it()
    {
        var run = await harness.RunAsync("token", "create", "--role", "superuser");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'superuser' is not a role", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once()
    {
        var created = JsonNode.Parse((await harness.RunAsync("token", "create", "--role", "auditor", "--format", "json")).Stdout)!;
        var token = created["token"]!.GetValue<string>();
        using var auditor = harness.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/v1/audit")).StatusCode);

        var revoke = await harness.RunAsync("token", "revoke", created["principal"]!["id"]!.GetValue<string>(), "--format", "json");

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await auditor.GetAsync("/v1/audit")).StatusCode);
    }
}
