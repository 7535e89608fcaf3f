using System.Text;

using static Lanyard.Scanning.Tests.Sources.ImageBuilder;

namespace Lanyard.Scanning.Tests.Sources;

public sealed class HostileImageTests
{
    private readonly TestTokens tokens = new(seed: 29);

    [Fact]
    public async Task Manifest_layers_outside_the_archive_are_refused_with_a_warning()
    {
        using var folder = new TempFolder();
        var config = Config([]);
        var image = folder.Write("evil.tar", Tar(
            File("c.json", config),
            Link("escape/layer.tar", "../../../etc/passwd"),
            File("manifest.json", Json(new[]
            {
                new { Config = "c.json", Layers = new[] { "../outside/layer.tar", "/etc/shadow", "escape/layer.tar" } },
            }))));

        var result = await ScanImage(image);

        Assert.Empty(result.Findings);
        Assert.Contains(result.Warnings, w => w.Path == image + "!/escape/layer.tar" && w.Message.Contains("outside"));
        Assert.Contains(result.Warnings, w => w.Path == image + "!/../outside/layer.tar");
        Assert.Contains(result.Warnings, w => w.Path == image + "!//etc/shadow");
    }

    [Fact]
    public async Task Layer_members_with_traversal_or_absolute_paths_are_scanned_in_place_and_warned_about()
    {
        using var folder = new TempFolder();
        var token = tokens.Checksummed("ghp_");
        var layer = Tar(File("../../tmp/lanyard-escape.env", "GITHUB_TOKEN=" + token + "\n"));
        var image = folder.Write("slip.tar", DockerSaveLegacy(Config([layer]), layer));

        var result = await ScanImage(image);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("tmp/lanyard-escape.env", finding.Path);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("outside the layer", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("!/../../tmp/lanyard-escape.env", warning.Path, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(Path.Combine(folder.Path, "..", "..", "tmp", "lanyard-escape.env")));
    }

    [Fact]
    public async Task Truncated_image_tarball_is_reported_and_the_scan_completes()
    {
        using var folder = new TempFolder();
        var token = tokens.Checksummed("ghp_");
        var filler = new string('x', 200_000);
        var layer = Tar(File("a/secret.env", "GITHUB_TOKEN=" + token + "\n"), File("b/big.txt", filler));
        var whole = DockerSaveLegacy(Config([layer]), layer);
        var image = folder.Write("cut.tar", whole[..(whole.Length / 2)]);

        var result = await ScanImage(image);

        Assert.False(result.IsComplete);
        Assert.Contains(result.Warnings, w => w.Path.StartsWith(image, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Member_declaring_more_bytes_than_the_file_holds_is_read_only_as_far_as_it_goes()
    {
        using var folder = new TempFolder();
        var token = tokens.Checksummed("ghp_");
        var layer = Tar(File("etc/app.env", "GITHUB_TOKEN=" + token + "\n"));
        var tar = DockerSaveLegacy(Config([layer]), layer);
        var header = FindHeader(tar, "0000000000000000000000000000000000000000000000000000000000000001/layer.tar");
        WriteOctalSize(tar, header, 0x1_0000_0000); // 4 GiB declared
        var image = folder.Write("huge.tar", tar);

        var result = await ScanImage(image);

        Assert.False(result.IsComplete);
        Assert.Empty(result.Findings);
        Assert.Contains(result.Warnings, w => w.Path == image && w.Message.Contains("truncated or corrupt"));
    }

    [Fact]
    public async Task Gzip_bomb_layer_stops_with_a_warning()
    {
        using var folder = new TempFolder();
        var zeros = new byte[64 * 1024 * 1024];
        var bomb = Gzip(Tar(File("zeros.bin", zeros)), System.IO.Compression.CompressionLevel.SmallestSize);
        WriteFolder(folder.Path, OciLayout(Config([]), (bomb, "application/vnd.oci.image.layer.v1.tar+gzip")));

        var result = await ScanImage(folder.Path, maxEntryBytes: 1024 * 1024);

        Assert.Contains(result.Warnings, w => w.Message.Contains("decompression bomb", StringComparison.Ordinal)
            && w.Path.EndsWith(BlobPath(bomb), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Oci_layout_blob_linked_to_a_file_outside_the_folder_is_not_followed()
    {
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        var token = tokens.Checksummed("ghp_");
        var layer = Tar(File("app.env", "GITHUB_TOKEN=" + token + "\n"));
        var members = OciLayout(Config([layer]), (layer, "application/vnd.oci.image.layer.v1.tar"));
        WriteFolder(folder.Path, members.Where(m => m.Name != BlobPath(layer)));
        var target = outside.Write("stolen.tar", layer);
        System.IO.File.CreateSymbolicLink(Path.Combine(folder.Path, BlobPath(layer)), target);

        var result = await ScanImage(folder.Path);

        Assert.Empty(result.Findings);
        Assert.Contains(result.Warnings, w => w.Message.Contains("outside its folder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Descriptor_with_a_digest_that_is_a_path_is_refused()
    {
        using var folder = new TempFolder();
        WriteFolder(folder.Path,
        [
            File("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"),
            File("index.json", "{\"manifests\":[{\"mediaType\":\"" + OciManifestType + "\",\"digest\":\"sha256:../../etc/passwd\"}]}"),
        ]);

        var result = await ScanImage(folder.Path);

        var warning = Assert.Single(result.Warnings);
        Assert.Contains("invalid digest", warning.Message, StringComparison.Ordinal);
        Assert.Equal(folder.Path + "!/index.json", warning.Path);
    }

    [Fact]
    public async Task A_tarball_that_is_not_an_image_and_invalid_manifest_json_are_reported()
    {
        using var folder = new TempFolder();
        var notImage = folder.Write("photos.tar", Tar(File("a.txt", "hello\n")));
        var broken = folder.Write("broken.tar", Tar(File("manifest.json", "[{\"Config\": \"x.json\",\n \"Layers\": [}")));

        var result = await ScanImage(notImage);
        var brokenResult = await ScanImage(broken);

        Assert.Equal(notImage, Assert.Single(result.Warnings).Path);
        var warning = Assert.Single(brokenResult.Warnings);
        Assert.Equal(broken + "!/manifest.json", warning.Path);
        Assert.Contains("line 2", warning.Message, StringComparison.Ordinal);
    }

    private static Task<ScanResult> ScanImage(string path, long maxEntryBytes = 256L * 1024 * 1024) =>
        ImageScanTests.ScanImage(path, maxEntryBytes);

    private static int FindHeader(byte[] tar, string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name[..Math.Min(name.Length, 100)]);
        for (var offset = 0; offset + 512 <= tar.Length; offset += 512)
        {
            if (tar.AsSpan(offset, bytes.Length).SequenceEqual(bytes) && tar[offset + 156] == (byte)'0')
            {
                return offset;
            }
        }

        throw new InvalidOperationException("header not found");
    }

    /// <summary>Rewrites a ustar size field (and the header checksum) to declare <paramref name="size"/> bytes.</summary>
    private static void WriteOctalSize(byte[] tar, int header, long size)
    {
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(tar, header + 124);
        Encoding.ASCII.GetBytes("        ").CopyTo(tar, header + 148);
        var sum = tar.AsSpan(header, 512).ToArray().Sum(b => (int)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(tar, header + 148);
    }
}
