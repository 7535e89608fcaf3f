namespace Lanyard.Scanning.Tests.Sources;

public sealed class GitHistoryTests
{
    private readonly TestTokens tokens = new(seed: 7);

    [Fact]
    public async Task History_scan_reports_a_secret_removed_later_with_the_commit_author_and_time_that_added_it()
    {
        using var repo = new GitRepository();
        repo.Write("README.md", "# service\n");
        repo.Commit("start");
        var token = tokens.Checksummed("ghp_");
        repo.Write("config/app.yml", "name: billing\nport: 8080\ngithub_token: " + token + "\n");
        var time = repo.NextTime;
        var added = repo.Commit("add config", author: "Grace Hopper <grace@example.com>");
        repo.Write("config/app.yml", "name: billing\nport: 8080\ngithub_token: ${GITHUB_TOKEN}\n");
        repo.Commit("use the environment");

        var result = await GitScan.History(repo.Folder);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(Scan.Fingerprint(token), finding.Fingerprint);
        Assert.Equal(added, finding.Commit);
        Assert.Equal(time, finding.CommitTime);
        Assert.Equal("Grace Hopper <grace@example.com>", finding.Author);
        Assert.Equal("config/app.yml", finding.Path);
        Assert.Equal(3, finding.Line);
        Assert.Equal(15, finding.Column);
        Assert.True(result.IsComplete, string.Join("; ", result.Warnings));
    }

    [Fact]
    public async Task History_scan_reads_every_branch_and_files_deleted_later()
    {
        using var repo = new GitRepository();
        repo.Write("app.txt", "hello\n");
        repo.Commit("start");
        repo.Git("checkout", "-q", "-b", "experiment");
        var key = tokens.Checksummed("npm_");
        repo.Write("tools/.npmrc", "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=" + key + "\n");
        var added = repo.Commit("publish from the experiment");
        repo.Delete("tools/.npmrc");
        repo.Commit("remove npmrc");
        repo.Git("checkout", "-q", "main");
        repo.Write("app.txt", "hello world\n");
        repo.Commit("main moves on");

        var result = await GitScan.History(repo.Folder);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(added, finding.Commit);
        Assert.Equal("tools/.npmrc", finding.Path);
        Assert.Equal(2, finding.Line);
        Assert.Equal(Scan.Fingerprint(key), finding.Fingerprint);
    }

    [Fact]
    public async Task History_scan_reports_a_secret_once_with_its_first_commit_despite_renames_copies_and_other_branches()
    {
        using var repo = new GitRepository();
        var token = tokens.Checksummed("ghp_");
        repo.Write("deploy.sh", "#!/bin/sh\nexport GITHUB_TOKEN=" + token + "\n");
        var first = repo.Commit("deploy script");
        repo.Git("mv", "deploy.sh", "deploy-prod.sh");
        repo.Commit("move scripts");
        repo.Git("checkout", "-q", "-b", "copy");
        repo.Write("other/ci.sh", "export GITHUB_TOKEN=" + token + "\n");
        repo.Commit("copy to ci");
        repo.Git("checkout", "-q", "main");
        repo.Git("merge", "-q", "--no-ff", "copy", "-m", "merge copy");

        var result = await GitScan.History(repo.Folder);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(first, finding.Commit);
        Assert.Equal("deploy.sh", finding.Path);
        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public async Task History_scan_gives_line_numbers_of_the_file_at_that_commit_across_hunks()
    {
        using var repo = new GitRepository();
        var lines = Enumerable.Range(1, 30).Select(i => $"setting_{i} = {i}").ToList();
        repo.Write("settings.ini", string.Join('\n', lines) + "\n");
        repo.Commit("settings");
        var early = tokens.Checksummed("ghp_");
        var late = tokens.Checksummed("ghp_");
        lines.Insert(1, "token = " + early);
        lines[20] = "api_token = " + late;
        repo.Write("settings.ini", string.Join('\n', lines) + "\n");
        var change = repo.Commit("tokens");

        var result = await GitScan.History(repo.Folder);

        Assert.Equal(2, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal(change, f.Commit));
        Assert.Equal(2, result.Findings.Single(f => f.Fingerprint == Scan.Fingerprint(early)).Line);
        Assert.Equal(21, result.Findings.Single(f => f.Fingerprint == Scan.Fingerprint(late)).Line);
    }

    [Fact]
    public async Task History_scan_finds_a_secret_introduced_by_a_merge_conflict_resolution()
    {
        using var repo = new GitRepository();
        repo.Write("app.env", "MODE=one\n");
        repo.Commit("start");
        repo.Git("checkout", "-q", "-b", "side");
        repo.Write("app.env", "MODE=side\n");
        repo.Commit("side");
        repo.Git("checkout", "-q", "main");
        repo.Write("app.env", "MODE=main\n");
        repo.Commit("main");
        repo.Git("merge", "-q", "side");
        var token = tokens.Checksummed("ghp_");
        repo.Write("app.env", "MODE=merged\nGITHUB_TOKEN=" + token + "\n");
        var merge = repo.Commit("merge side");

        var result = await GitScan.History(repo.Folder);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(merge, finding.Commit);
        Assert.Equal("app.env", finding.Path);
        Assert.Equal(2, finding.Line);
        Assert.Equal(2, repo.Git("rev-list", "--parents", "-n", "1", merge).Trim().Split(' ').Length - 1);
    }

    [Fact]
    public async Task History_scan_reads_paths_git_quotes()
    {
        using var repo = new GitRepository();
        var token = tokens.Checksummed("ghp_");
        repo.Write("conf dir/prod\tkeys ü.env", "GITHUB_TOKEN=" + token + "\n");
        repo.Commit("odd name");

        var result = await GitScan.History(repo.Folder);

        Assert.Equal("conf dir/prod\tkeys ü.env", Assert.Single(result.Findings).Path);
    }

    [Fact]
    public async Task History_scan_of_a_folder_that_is_not_a_repository_warns_with_its_path()
    {
        var folder = Directory.CreateTempSubdirectory("lanyard-nogit-").FullName;
        try
        {
            var result = await GitScan.History(folder);

            var warning = Assert.Single(result.Warnings);
            Assert.Equal(folder, warning.Path);
            Assert.Contains("not a git repository", warning.Message, StringComparison.Ordinal);
            Assert.Empty(result.Findings);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task History_scan_of_a_corrupt_repository_warns_and_keeps_what_it_could_read()
    {
        using var repo = new GitRepository();
        var token = tokens.Checksummed("ghp_");
        repo.Write("a.env", "GITHUB_TOKEN=" + token + "\n");
        var first = repo.Commit("first");
        repo.Write("b.txt", "later content\n");
        repo.Commit("second");
        var blob = repo.Git("rev-parse", "HEAD:b.txt").Trim();
        File.Delete(Path.Combine(repo.Folder, ".git", "objects", blob[..2], blob[2..]));

        var result = await GitScan.History(repo.Folder);

        Assert.Equal(first, Assert.Single(result.Findings).Commit);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(repo.Folder, warning.Path);
        Assert.Contains(blob, warning.Message, StringComparison.Ordinal);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public async Task History_scan_of_a_repository_without_commits_is_complete_and_empty()
    {
        using var repo = new GitRepository();

        var result = await GitScan.History(repo.Folder);

        Assert.Empty(result.Findings);
        Assert.True(result.IsComplete, string.Join("; ", result.Warnings));
    }
}
