using System.Text.Json.Nodes;

namespace Lanyard.EndToEnd.Tests;

/// <summary>The Brindlewick exports through the real server and command: import, posture, idempotence.</summary>
public sealed class InventoryCasesTests : IAsyncLifetime
{
    private static readonly string[] Environments = ["dev", "staging", "prod"];
    private LanyardProcess _lanyard = null!;

    public async Task InitializeAsync() => _lanyard = await LanyardProcess.StartAsync();

    public async Task DisposeAsync() => await _lanyard.DisposeAsync();

    private async Task ImportAllAsync()
    {
        foreach (var environment in Environments)
        {
            var aws = await _lanyard.RunAsync("import", "aws", Path.Combine(CasesFolder.Inventory, environment, "aws"), "--env", environment);
            Assert.True(aws.ExitCode == 0, aws.ToString());
            var kubernetes = await _lanyard.RunAsync("import", "kubernetes",
                Path.Combine(CasesFolder.Inventory, environment, "kubernetes", "serviceaccounts-secrets.json"), "--env", environment);
            Assert.True(kubernetes.ExitCode == 0, kubernetes.ToString());
        }
    }

    [Fact]
    public async Task Importing_the_three_environments_gives_exactly_the_planted_findings_as_of_their_date()
    {
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(CasesFolder.Inventory, "expected-findings.json")))!;
        await ImportAllAsync();

        var posture = await _lanyard.RunAsync("posture", "--as-of", expected["as_of"]!.GetValue<string>(), "--format", "json");

        Assert.True(posture.ExitCode == 1, "posture exits 1 when there are findings\n" + posture);
        var findings = JsonNode.Parse(posture.Stdout)!.AsArray();
        var wanted = expected["findings"]!.AsArray();
        Assert.Equal(wanted.Count, findings.Count);
        foreach (var want in wanted)
        {
            var matches = findings.Where(f => ExpectedFindings.Matches(want!, f!)).ToList();
            Assert.True(matches.Count == 1, $"expected exactly one finding for {want!.ToJsonString()}\ngot:\n{posture.Stdout}");
        }
    }

    [Fact]
    public async Task Importing_the_same_exports_again_changes_nothing()
    {
        await ImportAllAsync();
        using var client = _lanyard.CreateClient();
        var before = await client.GetStringAsync("/v1/credentials?limit=1000");

        var again = await _lanyard.RunAsync("import", "aws", Path.Combine(CasesFolder.Inventory, "prod", "aws"), "--env", "prod", "--format", "json");

        var summary = JsonNode.Parse(again.Stdout)!;
        foreach (var count in new[] { "identitiesAdded", "identitiesChanged", "identitiesGone", "credentialsAdded", "credentialsChanged", "credentialsGone" })
        {
            Assert.Equal(0, summary[count]!.GetValue<int>());
        }

        Assert.Equal(before, await client.GetStringAsync("/v1/credentials?limit=1000"));
    }

    [Fact]
    public async Task Credentials_of_a_kubernetes_export_keep_only_fingerprints_never_values()
    {
        await ImportAllAsync();
        using var client = _lanyard.CreateClient();

        var page = JsonNode.Parse(await client.GetStringAsync("/v1/credentials?environment=prod&q=orders-db-credentials"))!;

        var password = Assert.Single(page["items"]!.AsArray());
        Assert.Equal("f35136385ef2962ab23a3fe85e3b12efd2e535044e45dc35152fd8612effe1fc", password!["fingerprint"]!.GetValue<string>());
        Assert.False(password["secretHeld"]!.GetValue<bool>());
    }
}

/// <summary>How a line of <c>expected-findings.json</c> is recognised among the reported findings.</summary>
internal static class ExpectedFindings
{
    public static bool Matches(JsonNode want, JsonNode got)
    {
        if (want["kind"]!.GetValue<string>() != got["kind"]!.GetValue<string>())
        {
            return false;
        }

        var wantEnvironments = want["environment"]!.GetValue<string>().Split(',').Order();
        var gotEnvironments = got["environments"]!.AsArray().Select(e => e!.GetValue<string>()).Order();
        if (!wantEnvironments.SequenceEqual(gotEnvironments))
        {
            return false;
        }

        var evidence = want["evidence"];
        var fingerprint = evidence?["sha256"] ?? evidence?["spki_sha256"];
        if (fingerprint is not null)
        {
            return fingerprint.GetValue<string>() == got["fingerprint"]?.GetValue<string>();
        }

        var subject = want["object"]!.GetValue<string>();
        if (subject.StartsWith("ServiceAccount ", StringComparison.Ordinal))
        {
            return got["identity"]?.GetValue<string>() == subject["ServiceAccount ".Length..];
        }

        var keyId = subject.Split(' ', ',').Single(word => word.StartsWith("AKIA", StringComparison.Ordinal));
        return got["credential"]?.GetValue<string>()?.Contains(keyId, StringComparison.Ordinal) == true;
    }
}
