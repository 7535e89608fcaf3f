using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests;

/// <summary><c>lanyard scan</c> as a CI job or a person runs it: exit codes, standard input, output shapes.</summary>
public sealed class ScanCommandTests : IDisposable
{
    private readonly SecretFiles files = new();

    public void Dispose() => files.Dispose();

    private Task<CliRun> Scan(params string[] args) => LanyardCli.RunAsync(files.Folder, null, ["scan", .. args]);

    [Fact]
    public async Task A_clean_folder_exits_0_and_says_so()
    {
        files.Write("README.md", "Nothing to see here.\n");

        var run = await Scan(".");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("No secrets found in 1 file(s)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_exits_1_and_the_table_shows_where_without_the_secret()
    {
        var keyId = files.AwsKeyId();
        files.Write("deploy/settings.ini", $"[aws]\naws_access_key_id = {keyId}\n");

        var run = await Scan();

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("deploy/settings.ini:2:21", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("aws-access-key-id", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(keyId, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_secrets_prints_the_secret_itself()
    {
        var keyId = files.AwsKeyId();
        files.Write("settings.ini", $"aws_access_key_id = {keyId}\n");

        var run = await Scan("--show-secrets");

        Assert.Contains(keyId, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_input_is_scanned_when_the_path_is_a_dash()
    {
        var run = await LanyardCli.RunAsync(files.Folder, $"export AWS_ACCESS_KEY_ID={files.AwsKeyId()}\n", "scan", "-", "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var finding = JsonNode.Parse(run.Stdout)!["findings"]![0]!;
        Assert.Equal("<stdin>", finding["path"]!.GetValue<string>());
        Assert.Equal(1, finding["line"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_usage_exits_2_and_scans_nothing()
    {
        var missing = await Scan("no-such-folder");
        var both = await Scan("--git", "--staged");
        var unused = await Scan("--report-unused");
        var format = await Scan("--format", "xml");
        var dash = await Scan("-", ".");
        var history = await Scan("--git", ".");
        var staged = await Scan("--staged");

        Assert.True(missing.ExitCode == 2 && missing.Stderr.Contains("no-such-folder", StringComparison.Ordinal), missing.ToString());
        Assert.True(both.ExitCode == 2 && both.Stderr.Contains("--staged", StringComparison.Ordinal), both.ToString());
        Assert.True(unused.ExitCode == 2 && unused.Stderr.Contains("--baseline", StringComparison.Ordinal), unused.ToString());
        Assert.True(format.ExitCode == 2, format.ToString());
        Assert.True(dash.ExitCode == 2, dash.ToString());
        Assert.True(history.ExitCode == 2 && history.Stderr.Contains("not inside a git repository", StringComparison.Ordinal), history.ToString());
        Assert.True(staged.ExitCode == 2 && staged.Stderr.Contains("not inside a git repository", StringComparison.Ordinal), staged.ToString());
        Assert.Empty(missing.Stdout);
        Assert.Empty(history.Stdout);
    }

    [Fact]
    public async Task Something_unreadable_makes_a_clean_scan_exit_3_naming_the_path()
    {
        files.Write("app.py", "print('hello')\n");
        File.CreateSymbolicLink(Path.Combine(files.Folder, "dangling.conf"), Path.Combine(files.Folder, "gone.conf"));

        var run = await Scan(".");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("warning: dangling.conf: Broken symbolic link.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("The scan is incomplete", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_outrank_an_incomplete_scan_in_the_exit_code()
    {
        files.Write("settings.ini", $"aws_access_key_id = {files.AwsKeyId()}\n");
        File.CreateSymbolicLink(Path.Combine(files.Folder, "dangling.conf"), Path.Combine(files.Folder, "gone.conf"));

        var run = await Scan(".");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("The scan is incomplete", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inline_allow_comment_keeps_the_scan_clean()
    {
        files.Write("test_client.py", $"KEY_ID = \"{files.AwsKeyId()}\"  # lanyard:allow test fixture\n");

        var run = await Scan(".");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Json_output_has_a_summary_findings_and_warnings_and_can_go_to_a_file()
    {
        files.Write("settings.ini", $"aws_access_key_id = {files.AwsKeyId()}\n");

        var run = await Scan(".", "--format", "json", "--output", "report.json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Empty(run.Stdout);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(files.Folder, "report.json")))!;
        Assert.Equal(1, report["summary"]!["findings"]!.GetValue<int>());
        Assert.True(report["summary"]!["complete"]!.GetValue<bool>());
        var finding = report["findings"]![0]!;
        Assert.Equal("settings.ini", finding["path"]!.GetValue<string>());
        Assert.Equal("aws-access-key-id", finding["rule"]!.GetValue<string>());
        Assert.Equal(64, finding["fingerprint"]!.GetValue<string>().Length);
        Assert.Null(finding["secret"]);
        Assert.Empty(report["warnings"]!.AsArray());
    }
}
