using System.Text.Json.Nodes;

namespace Lanyard.EndToEnd.Tests;

/// <summary>Broken exports fail as a whole with a message naming where, exit 2, and change nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private LanyardProcess _lanyard = null!;
    private string _work = null!;

    public async Task InitializeAsync()
    {
        _lanyard = await LanyardProcess.StartAsync();
        _work = Directory.CreateTempSubdirectory("lanyard-bad-input").FullName;
    }

    public async Task DisposeAsync()
    {
        await _lanyard.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<string> CredentialsAsync()
    {
        using var client = _lanyard.CreateClient();
        return await client.GetStringAsync("/v1/credentials?limit=1000");
    }

    [Fact]
    public async Task A_truncated_credential_report_row_names_the_file_and_line_exits_2_and_imports_nothing()
    {
        var report = await File.ReadAllLinesAsync(Path.Combine(CasesFolder.Inventory, "dev", "aws", "credential-report.csv"));
        var path = Path.Combine(_work, "credential-report.csv");
        var truncatedLine = report[3][..(report[3].Length / 2)];
        await File.WriteAllTextAsync(path, string.Join('\n', report[..3].Append(truncatedLine).Concat(report[4..])));
        var keys = Path.Combine(CasesFolder.Inventory, "dev", "aws", "list-access-keys", "svc-loadtest.json");
        var before = await CredentialsAsync();

        var run = await _lanyard.RunAsync("import", "aws", keys, path, "--env", "dev");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("credential-report.csv", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 4", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await CredentialsAsync());
    }

    [Fact]
    public async Task Json_that_is_not_a_kubectl_export_is_refused_with_exit_2()
    {
        var path = Path.Combine(_work, "not-kubectl.json");
        await File.WriteAllTextAsync(path, """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}""");

        var run = await _lanyard.RunAsync("import", "kubernetes", path, "--env", "dev");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("not-kubectl.json", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_environment_is_refused_and_a_missing_file_is_bad_usage()
    {
        var unknown = await _lanyard.RunAsync("import", "aws", Path.Combine(CasesFolder.Inventory, "dev", "aws"), "--env", "qa");
        var missing = await _lanyard.RunAsync("import", "aws", Path.Combine(_work, "nope.csv"), "--env", "dev");
        var noEnv = await _lanyard.RunAsync("import", "aws", Path.Combine(CasesFolder.Inventory, "dev", "aws"));

        Assert.True(unknown.ExitCode == 2 && unknown.Stderr.Contains("'qa'", StringComparison.Ordinal), unknown.ToString());
        Assert.True(missing.ExitCode == 2 && missing.Stderr.Contains("nope.csv", StringComparison.Ordinal), missing.ToString());
        Assert.True(noEnv.ExitCode == 2 && noEnv.Stderr.Contains("--env", StringComparison.Ordinal), noEnv.ToString());
    }

    [Fact]
    public async Task A_body_with_a_wrong_field_type_gets_a_400_problem_naming_the_field()
    {
        using var client = _lanyard.CreateClient();

        var response = await client.PostAsync("/v1/owners",
            new StringContent("""{"name": 42}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("$.name", problem["field"]?.GetValue<string>());
    }
}
