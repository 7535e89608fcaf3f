using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Lanyard.Scanning.Tests.Sources;

/// <summary>Scans of real folders on disk: ignore files, binaries, archives, links and encodings.</summary>
public sealed class DirectoryScanTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TestTokens tokens = new(seed: 7);

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Gitignored_files_are_skipped_unless_ignore_files_are_turned_off()
    {
        var token = tokens.Checksummed("ghp_");
        Write(".gitignore", "build/\n*.log\n!keep.log\n");
        Write("build/out.txt", $"token = {token}\n");
        Write("debug.log", $"token = {token}\n");
        Write("keep.log", $"token = {token}\n");
        Write("src/app.py", $"TOKEN = \"{token}\"\n");

        var honoured = await RunAsync(new ScanRequest { Paths = [folder.Path] });
        var ignored = await RunAsync(new ScanRequest { Paths = [folder.Path], RespectGitIgnore = false });

        Assert.Equal(["keep.log", "src/app.py"], honoured.Findings.Select(f => f.Path));
        Assert.Equal(["build/out.txt", "debug.log", "keep.log", "src/app.py"], ignored.Findings.Select(f => f.Path));
    }

    [Fact]
    public async Task A_binary_file_is_skipped_by_its_content_not_its_name()
    {
        var token = tokens.Checksummed("ghp_");
        var binary = Encoding.UTF8.GetBytes($"token = {token}\n").Concat(new byte[] { 0, 1, 2, 0 }).ToArray();
        File.WriteAllBytes(Path.Combine(folder.Path, "notes.txt"), binary);
        Write("image.png", $"token = {token}\n");

        var result = await RunAsync(new ScanRequest { Paths = [folder.Path] });

        Assert.Equal("image.png", Assert.Single(result.Findings).Path);
        Assert.Equal(1, result.BinaryFilesSkipped);
    }

    [Fact]
    public async Task Secrets_inside_zip_and_tar_gz_archives_are_reported_with_the_member_path()
    {
        var token = tokens.Checksummed("ghp_");
        using (var zip = ZipFile.Open(Path.Combine(folder.Path, "app.jar"), ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("config/application.properties").Open());
            writer.Write($"github.token={token}\n");
        }

        using (var file = File.Create(Path.Combine(folder.Path, "site.tar.gz")))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "etc/app.env")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes($"\nGITHUB_TOKEN={token}\n")),
            };
            tar.WriteEntry(entry);
        }

        var opened = await RunAsync(new ScanRequest { Paths = [folder.Path] });
        var closed = await RunAsync(new ScanRequest { Paths = [folder.Path], ScanArchives = false });

        Assert.Equal(
            [("app.jar!/config/application.properties", 1), ("site.tar.gz!/etc/app.env", 2)],
            opened.Findings.Select(f => (f.Path, f.Line)));
        Assert.Empty(closed.Findings);
    }

    [Fact]
    public async Task A_corrupt_archive_is_a_warning_and_the_rest_of_the_tree_is_still_scanned()
    {
        var token = tokens.Checksummed("ghp_");
        File.WriteAllBytes(Path.Combine(folder.Path, "broken.zip"), [.. "PK\u0003\u0004"u8, .. new byte[40]]);
        Write("app.env", $"GITHUB_TOKEN={token}\n");

        var result = await RunAsync(new ScanRequest { Paths = [folder.Path] });

        Assert.Equal("app.env", Assert.Single(result.Findings).Path);
        Assert.Contains(result.Warnings, w => w.Path == "broken.zip");
    }

    [Fact]
    public async Task Broken_and_looping_symbolic_links_are_warnings_and_the_scan_completes()
    {
        var token = tokens.Checksummed("ghp_");
        Write("real/app.env", $"GITHUB_TOKEN={token}\n");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "dangling.env"), Path.Combine(folder.Path, "missing.env"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "real", "loop"), Path.Combine(folder.Path, "real"));

        var result = await RunAsync(new ScanRequest { Paths = [folder.Path] });

        Assert.Equal("real/app.env", Assert.Single(result.Findings).Path);
        Assert.Contains(result.Warnings, w => w.Path == "dangling.env");
    }

    [Fact]
    public async Task A_utf16_file_with_a_byte_order_mark_is_read_as_text()
    {
        var token = tokens.Checksummed("ghp_");
        File.WriteAllText(Path.Combine(folder.Path, "settings.ini"), $"[github]\ntoken = {token}\n", Encoding.Unicode);

        var result = await RunAsync(new ScanRequest { Paths = [folder.Path] });

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("settings.ini", 2), (finding.Path, finding.Line));
    }

    [Fact]
    public async Task Files_from_several_folders_keep_the_folder_they_came_from()
    {
        var first = tokens.Checksummed("ghp_");
        var second = tokens.Checksummed("ghp_");
        Write("a/x.env", $"GITHUB_TOKEN={first}\n");
        Write("b/x.env", $"GITHUB_TOKEN={second}\n");

        var result = await RunAsync(new ScanRequest
        {
            Paths = [Path.Combine(folder.Path, "a"), Path.Combine(folder.Path, "b") + "/"],
        });

        Assert.Equal(
            [Path.Combine(folder.Path, "a") + "/x.env", Path.Combine(folder.Path, "b") + "/x.env"],
            result.Findings.Select(f => f.Path));
    }

    private static Task<ScanResult> RunAsync(ScanRequest request) => new SecretScanner().RunAsync(request);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(folder.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
