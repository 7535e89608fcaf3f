using System.Text.Json.Nodes;

namespace Lanyard.EndToEnd.Tests;

/// <summary><c>lanyard owner create/update --webhook</c> through the real command.</summary>
public sealed class OwnerWebhookCliTests
{
    [Fact]
    public async Task Owner_create_with_a_webhook_prints_the_secret_once_and_a_plain_http_url_exits_2()
    {
        await using var lanyard = await LanyardProcess.StartAsync();

        var created = await lanyard.RunAsync("owner", "create", "team-hooks", "--webhook", "https://hooks.example.com/lanyard");
        var shown = JsonNode.Parse((await lanyard.RunAsync("owner", "show", "team-hooks", "--format", "json")).Stdout)!;
        var refused = await lanyard.RunAsync("owner", "update", "team-hooks", "--webhook", "http://hooks.example.com/lanyard");
        var cleared = await lanyard.RunAsync("owner", "update", "team-hooks", "--clear-webhook", "--format", "json");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches(@"(?m)^lnywh_[A-Za-z0-9_-]{43}$", created.Stdout);
        Assert.Contains("shown this once", created.Stderr, StringComparison.Ordinal);
        Assert.Equal("https://hooks.example.com/lanyard", shown["webhook"]!.GetValue<string>());
        Assert.Null(shown["webhookSecret"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("loopback", refused.Stderr, StringComparison.Ordinal);
        Assert.True(cleared.ExitCode == 0, cleared.ToString());
        Assert.Null(JsonNode.Parse(cleared.Stdout)!["webhook"]);
    }
}
