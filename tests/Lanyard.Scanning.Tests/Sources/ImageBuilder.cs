using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lanyard.Scanning.Tests.Sources;

/// <summary>Builds real image files in memory and on disk: layer tars, docker save tarballs, OCI layouts.</summary>
internal static class ImageBuilder
{
    public const string OciManifestType = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndexType = "application/vnd.oci.image.index.v1+json";

    /// <summary>A tar of the given members; a null content makes a symbolic link to <c>Link</c>.</summary>
    public static byte[] Tar(params TarMember[] members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var member in members)
            {
                if (member.Link is not null)
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, member.Name) { LinkName = member.Link });
                    continue;
                }

                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, member.Name)
                {
                    DataStream = new MemoryStream(member.Content!),
                });
            }
        }

        return buffer.ToArray();
    }

    public static TarMember File(string name, string content) => new(name, Encoding.UTF8.GetBytes(content), null);

    public static TarMember File(string name, byte[] content) => new(name, content, null);

    public static TarMember Link(string name, string target) => new(name, null, target);

    public static byte[] Gzip(byte[] data, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, level, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    public static byte[] Zstd(byte[] data)
    {
        using var compressor = new ZstdSharp.Compressor();
        return compressor.Wrap(data).ToArray();
    }

    public static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    public static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    /// <summary>An image configuration with the given layers (uncompressed tars), environment and history.</summary>
    public static byte[] Config(IEnumerable<byte[]> layerTars, string[]? env = null, string[]? history = null) => Json(new
    {
        architecture = "amd64",
        os = "linux",
        config = new { Env = env ?? ["PATH=/usr/bin"], Cmd = new[] { "/app/run" } },
        rootfs = new { type = "layers", diff_ids = layerTars.Select(Digest).ToArray() },
        history = (history ?? []).Select(h => new { created = "2026-01-01T00:00:00Z", created_by = h }).ToArray(),
    });

    /// <summary>The legacy <c>docker save</c> layout: <c>&lt;id&gt;/layer.tar</c> and a config named by its digest.</summary>
    public static byte[] DockerSaveLegacy(byte[] config, params byte[][] layerTars)
    {
        var configName = Digest(config)["sha256:".Length..] + ".json";
        var layerNames = layerTars.Select((_, i) => $"{i + 1:x64}/layer.tar").ToArray();
        var manifest = Json(new[] { new { Config = configName, RepoTags = new[] { "shop/api:1.0" }, Layers = layerNames } });
        var members = layerTars.Select((tar, i) => File(layerNames[i], tar)).ToList();
        members.Add(File(configName, config));
        members.Add(File("manifest.json", manifest));
        return Tar([.. members]);
    }

    /// <summary>An OCI layout's members: oci-layout, index.json (through a nested index) and blobs.</summary>
    public static List<TarMember> OciLayout(byte[] config, params (byte[] Blob, string MediaType)[] layers)
    {
        var manifest = Json(new
        {
            schemaVersion = 2,
            mediaType = OciManifestType,
            config = Descriptor(config, "application/vnd.oci.image.config.v1+json"),
            layers = layers.Select(l => Descriptor(l.Blob, l.MediaType)).ToArray(),
        });
        var nested = Json(new { schemaVersion = 2, mediaType = OciIndexType, manifests = new[] { Descriptor(manifest, OciManifestType) } });
        var index = Json(new { schemaVersion = 2, manifests = new[] { Descriptor(nested, OciIndexType) } });
        var members = new List<TarMember>
        {
            File("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"),
            File("index.json", index),
        };
        foreach (var blob in new[] { config, manifest, nested }.Concat(layers.Select(l => l.Blob)))
        {
            members.Add(File(BlobPath(blob), blob));
        }

        return members;
    }

    public static string BlobPath(byte[] blob) => "blobs/sha256/" + Digest(blob)["sha256:".Length..];

    /// <summary>Writes members as files under a folder (an OCI layout folder).</summary>
    public static void WriteFolder(string folder, IEnumerable<TarMember> members)
    {
        foreach (var member in members)
        {
            var path = Path.Combine(folder, member.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllBytes(path, member.Content!);
        }
    }

    private static object Descriptor(byte[] blob, string mediaType) =>
        new { mediaType, digest = Digest(blob), size = blob.Length };
}

internal sealed record TarMember(string Name, byte[]? Content, string? Link);
