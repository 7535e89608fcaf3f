using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Sources.Images;

/// <summary>
/// Finds the images in an image file. A <c>docker save</c> tar has <c>manifest.json</c> (layers as
/// <c>&lt;id&gt;/layer.tar</c> in the legacy layout, as <c>blobs/sha256/…</c> since Docker 25); an OCI
/// layout has <c>index.json</c>, whose descriptors lead through nested indexes to image manifests.
/// Every JSON document is read through a size cap, and every digest is checked before it becomes a path.
/// </summary>
internal sealed partial class ImageManifests(ImageArchive archive, Action<ScanWarning> warn)
{
    private const long MaxJsonBytes = 16L * 1024 * 1024;
    private const int MaxIndexDepth = 4;

    public IReadOnlyList<ImageManifest> Read()
    {
        if (archive.Contains("manifest.json"))
        {
            return ReadDockerSave();
        }

        if (archive.Contains("index.json"))
        {
            var images = new List<ImageManifest>();
            if (ReadJson("index.json") is { } index)
            {
                using (index)
                {
                    ReadIndex(index.RootElement, "index.json", 0, images);
                }
            }

            return images;
        }

        warn(new ScanWarning(archive.Path,
            "Not a container image: neither manifest.json (docker save) nor index.json (OCI layout) was found."));
        return [];
    }

    /// <summary>Parses a JSON member read through the size cap; null with a warning when it cannot.</summary>
    public JsonDocument? ReadJson(string member)
    {
        using var stream = archive.OpenMember(member);
        if (stream is null)
        {
            return null;
        }

        if (stream.Length > MaxJsonBytes)
        {
            warn(new ScanWarning(archive.Path + "!/" + member, $"Skipped: image metadata over {MaxJsonBytes} bytes."));
            return null;
        }

        try
        {
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            warn(new ScanWarning(archive.Path + "!/" + member, $"Invalid JSON at line {e.LineNumber + 1}: {e.Message}"));
            return null;
        }
    }

    public static string BlobMember(string digest) => "blobs/" + digest.Replace(':', '/');

    private List<ImageManifest> ReadDockerSave()
    {
        var images = new List<ImageManifest>();
        using var manifest = ReadJson("manifest.json");
        if (manifest?.RootElement.ValueKind is not JsonValueKind.Array)
        {
            if (manifest is not null)
            {
                warn(new ScanWarning(archive.Path + "!/manifest.json", "Expected a JSON array of images."));
            }

            return images;
        }

        foreach (var image in manifest.RootElement.EnumerateArray())
        {
            var configMember = String(image, "Config");
            var layerMembers = image.TryGetProperty("Layers", out var layers) && layers.ValueKind == JsonValueKind.Array
                ? layers.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString()! : "").ToList()
                : [];
            var name = image.TryGetProperty("RepoTags", out var tags) && tags.ValueKind == JsonValueKind.Array
                && tags.GetArrayLength() > 0 ? tags[0].GetString() ?? configMember ?? "image" : configMember ?? "image";
            var diffIds = configMember is null ? [] : DiffIds(configMember);
            var config = configMember is null ? null : new ImageBlob(configMember, DigestOfMember(configMember));
            var blobs = layerMembers.Select((member, i) => new ImageBlob(
                member, DigestFromBlobPath(member) ?? (i < diffIds.Count ? diffIds[i] : member))).ToList();
            images.Add(new ImageManifest(name, config, blobs));
        }

        return images;
    }

    private void ReadIndex(JsonElement index, string where, int depth, List<ImageManifest> images)
    {
        if (!index.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
        {
            warn(new ScanWarning(archive.Path + "!/" + where, "The index lists no manifests."));
            return;
        }

        foreach (var descriptor in manifests.EnumerateArray())
        {
            var digest = Digest(descriptor, where);
            if (digest is null)
            {
                continue;
            }

            using var document = ReadJson(BlobMember(digest));
            if (document is null)
            {
                continue;
            }

            var root = document.RootElement;
            if (root.TryGetProperty("manifests", out _))
            {
                if (depth < MaxIndexDepth)
                {
                    ReadIndex(root, BlobMember(digest), depth + 1, images);
                }

                continue;
            }

            images.Add(ReadManifest(root, digest));
        }
    }

    private ImageManifest ReadManifest(JsonElement manifest, string digest)
    {
        var where = BlobMember(digest);
        var config = manifest.TryGetProperty("config", out var c) && Digest(c, where) is { } configDigest
            ? new ImageBlob(BlobMember(configDigest), configDigest, String(c, "mediaType"))
            : null;
        var layers = new List<ImageBlob>();
        if (manifest.TryGetProperty("layers", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var layer in list.EnumerateArray())
            {
                if (Digest(layer, where) is { } layerDigest)
                {
                    layers.Add(new ImageBlob(BlobMember(layerDigest), layerDigest, String(layer, "mediaType")));
                }
            }
        }

        return new ImageManifest(digest, config, layers);
    }

    private List<string> DiffIds(string configMember)
    {
        using var config = ReadJson(configMember);
        if (config is null || config.RootElement.ValueKind != JsonValueKind.Object
            || !config.RootElement.TryGetProperty("rootfs", out var rootfs)
            || rootfs.ValueKind != JsonValueKind.Object
            || !rootfs.TryGetProperty("diff_ids", out var ids) || ids.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. ids.EnumerateArray().Select(id => id.ValueKind == JsonValueKind.String ? id.GetString()! : "")
            .Select(id => DigestPattern().IsMatch(id) ? id : "")];
    }

    /// <summary>The descriptor's digest if well formed; a hostile one could otherwise name any path.</summary>
    private string? Digest(JsonElement descriptor, string where)
    {
        var digest = descriptor.ValueKind == JsonValueKind.Object ? String(descriptor, "digest") : null;
        if (digest is not null && DigestPattern().IsMatch(digest))
        {
            return digest;
        }

        warn(new ScanWarning(archive.Path + "!/" + where, $"Skipped a descriptor with an invalid digest '{digest}'."));
        return null;
    }

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>blobs/sha256/&lt;hex&gt;</c> names its own digest.</summary>
    private static string? DigestFromBlobPath(string member)
    {
        var match = BlobPathPattern().Match(member);
        return match.Success ? match.Groups["alg"].Value + ":" + match.Groups["hex"].Value : null;
    }

    /// <summary>The legacy config member is <c>&lt;hex&gt;.json</c>, named after its digest.</summary>
    private static string DigestOfMember(string member)
    {
        if (DigestFromBlobPath(member) is { } digest)
        {
            return digest;
        }

        var name = System.IO.Path.GetFileNameWithoutExtension(member);
        return HexPattern().IsMatch(name) ? "sha256:" + name : member;
    }

    [GeneratedRegex("^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^blobs/(?<alg>sha256|sha512)/(?<hex>[0-9a-f]{64}|[0-9a-f]{128})$")]
    private static partial Regex BlobPathPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexPattern();
}
