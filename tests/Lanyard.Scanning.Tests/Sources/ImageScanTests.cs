using static Lanyard.Scanning.Tests.Sources.ImageBuilder;

namespace Lanyard.Scanning.Tests.Sources;

public sealed class ImageScanTests
{
    private const string GzipLayer = "application/vnd.oci.image.layer.v1.tar+gzip";
    private const string ZstdLayer = "application/vnd.oci.image.layer.v1.tar+zstd";

    private readonly TestTokens tokens = new(seed: 23);

    internal static Task<ScanResult> ScanImage(string path, long maxEntryBytes = 256L * 1024 * 1024) =>
        new SecretScanner().RunAsync(new ScanRequest
        {
            Paths = [path],
            Source = ScanSource.Image,
            MaxArchiveEntryBytes = maxEntryBytes,
        });

    [Fact]
    public async Task Docker_save_image_reports_a_file_a_later_layer_deleted_with_the_layer_digest_and_path()
    {
        using var folder = new TempFolder();
        var token = tokens.Checksummed("ghp_");
        var base_ = Tar(File("etc/os-release", "ID=debian\n"));
        var withSecret = Tar(File("app/settings.env", "MODE=prod\nGITHUB_TOKEN=" + token + "\n"), File("app/run", "#!/bin/sh\n"));
        var deleting = Tar(File("app/.wh.settings.env", ""), File("app/other.txt", "nothing here\n"));
        var image = folder.Write("api.tar", DockerSaveLegacy(Config([base_, withSecret, deleting]), base_, withSecret, deleting));

        var result = await ScanImage(image);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(Digest(withSecret), finding.Layer);
        Assert.Equal("app/settings.env", finding.Path);
        Assert.Equal(2, finding.Line);
        Assert.Equal(Scan.Fingerprint(token), finding.Fingerprint);
        Assert.True(result.IsComplete, string.Join("; ", result.Warnings));
    }

    [Fact]
    public async Task Oci_layout_folder_with_gzip_and_zstd_layers_reports_each_layer_descriptor_digest()
    {
        using var folder = new TempFolder();
        var first = tokens.Checksummed("ghp_");
        var second = tokens.Checksummed("npm_");
        var gzipLayer = Gzip(Tar(File("srv/app.yml", "name: api\ntoken: " + first + "\n")));
        var zstdLayer = Zstd(Tar(File("root/.npmrc", "//registry.npmjs.org/:_authToken=" + second + "\n")));
        var config = Config([]);
        WriteFolder(folder.Path, OciLayout(config, (gzipLayer, GzipLayer), (zstdLayer, ZstdLayer)));

        var result = await ScanImage(folder.Path);

        Assert.Equal(2, result.Findings.Count);
        var fromGzip = result.Findings.Single(f => f.Fingerprint == Scan.Fingerprint(first));
        Assert.Equal((Digest(gzipLayer), "srv/app.yml", 2), (fromGzip.Layer, fromGzip.Path, fromGzip.Line));
        var fromZstd = result.Findings.Single(f => f.Fingerprint == Scan.Fingerprint(second));
        Assert.Equal((Digest(zstdLayer), "root/.npmrc", 1), (fromZstd.Layer, fromZstd.Path, fromZstd.Line));
        Assert.True(result.IsComplete, string.Join("; ", result.Warnings));
    }

    [Fact]
    public async Task Docker_save_in_oci_layout_is_read_through_manifest_json_once_per_layer()
    {
        using var folder = new TempFolder();
        var token = tokens.Checksummed("ghp_");
        var layer = Tar(File("opt/deploy.sh", "export GITHUB_TOKEN=" + token + "\n"));
        var config = Config([layer]);
        var members = OciLayout(config, (layer, "application/vnd.oci.image.layer.v1.tar"));
        var blobs = new[] { BlobPath(layer) };
        members.Add(File("manifest.json", Json(new[]
        {
            new { Config = BlobPath(config), RepoTags = new[] { "shop/api:2.0" }, Layers = blobs },
            new { Config = BlobPath(config), RepoTags = new[] { "shop/api:latest" }, Layers = blobs },
        })));
        var image = folder.Write("api-oci.tar", Tar([.. members]));

        var result = await ScanImage(image);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(Digest(layer), finding.Layer);
        Assert.Equal("opt/deploy.sh", finding.Path);
        Assert.Equal(1, result.FilesScanned - 1);
    }

    [Fact]
    public async Task Image_config_environment_and_build_arguments_are_scanned()
    {
        using var folder = new TempFolder();
        var envToken = tokens.Checksummed("ghp_");
        var argToken = tokens.Checksummed("npm_");
        var layer = Tar(File("app/readme.txt", "hello\n"));
        var config = Config([layer],
            env: ["PATH=/usr/local/bin:/usr/bin", "GITHUB_TOKEN=" + envToken],
            history: ["ADD file:0a1b2c in / ", "RUN |1 NPM_TOKEN=" + argToken + " /bin/sh -c npm ci # buildkit"]);
        var image = folder.Write("app.tar", DockerSaveLegacy(config, layer));

        var result = await ScanImage(image);

        Assert.Equal(2, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal(("image-config/Dockerfile", Digest(config)), (f.Path, f.Layer)));
        Assert.Equal(2, result.Findings.Single(f => f.Fingerprint == Scan.Fingerprint(argToken)).Line);
        Assert.Equal(4, result.Findings.Single(f => f.Fingerprint == Scan.Fingerprint(envToken)).Line);
    }

    [Fact]
    public async Task Docker_save_layers_shared_through_symbolic_links_are_read()
    {
        using var folder = new TempFolder();
        var token = tokens.Checksummed("ghp_");
        var layer = Tar(File("app/.env", "GITHUB_TOKEN=" + token + "\n"));
        var config = Config([layer]);
        var configName = Digest(config)[7..] + ".json";
        var image = folder.Write("linked.tar", Tar(
            File("aaaa/layer.tar", layer),
            Link("bbbb/layer.tar", "../aaaa/layer.tar"),
            File(configName, config),
            File("manifest.json", Json(new[] { new { Config = configName, Layers = new[] { "bbbb/layer.tar" } } }))));

        var result = await ScanImage(image);

        Assert.Equal(Digest(layer), Assert.Single(result.Findings).Layer);
        Assert.True(result.IsComplete, string.Join("; ", result.Warnings));
    }
}
