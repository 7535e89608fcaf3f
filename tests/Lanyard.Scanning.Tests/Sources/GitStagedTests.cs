namespace Lanyard.Scanning.Tests.Sources;

public sealed class GitStagedTests
{
    private readonly TestTokens tokens = new(seed: 11);

    [Fact]
    public async Task Staged_scan_reports_secret_added_to_the_index_at_its_staged_line()
    {
        using var repo = new GitRepository();
        var old = tokens.Checksummed("ghp_");
        repo.Write("service.env", "A=1\nB=2\nC=3\nOLD_TOKEN=" + old + "\n");
        repo.Commit("start");
        var token = tokens.Checksummed("ghp_");
        repo.Write("service.env", "A=1\nB=2\nGITHUB_TOKEN=" + token + "\nC=3\nOLD_TOKEN=" + old + "\n");
        repo.Git("add", "service.env");

        var result = await GitScan.Staged(repo.Folder);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(Scan.Fingerprint(token), finding.Fingerprint);
        Assert.Equal("service.env", finding.Path);
        Assert.Equal(3, finding.Line);
        Assert.Null(finding.Commit);
        Assert.True(result.IsComplete, string.Join("; ", result.Warnings));
    }

    [Fact]
    public async Task Staged_scan_ignores_changes_not_yet_staged()
    {
        using var repo = new GitRepository();
        repo.Write("service.env", "A=1\n");
        repo.Commit("start");
        repo.Write("service.env", "A=1\nGITHUB_TOKEN=" + tokens.Checksummed("ghp_") + "\n");

        var result = await GitScan.Staged(repo.Folder);

        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task Staged_scan_works_before_the_first_commit()
    {
        using var repo = new GitRepository();
        var token = tokens.Checksummed("ghp_");
        repo.Write("first.env", "\nGITHUB_TOKEN=" + token + "\n");
        repo.Git("add", "first.env");

        var result = await GitScan.Staged(repo.Folder);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(2, finding.Line);
        Assert.Equal("first.env", finding.Path);
    }
}
