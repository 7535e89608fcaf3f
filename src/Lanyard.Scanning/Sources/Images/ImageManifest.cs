namespace Lanyard.Scanning.Sources.Images;

/// <summary>One image in an image file: its configuration blob and its layers, bottom layer first.</summary>
/// <param name="Name">A tag or the manifest digest, for warnings.</param>
/// <param name="Config">The configuration blob (ENV, history), when the manifest names one.</param>
/// <param name="Layers">The layer blobs, bottom layer first.</param>
internal sealed record ImageManifest(string Name, ImageBlob? Config, IReadOnlyList<ImageBlob> Layers);

/// <summary>
/// A blob inside the image file. <paramref name="Digest"/> is how findings name it: the descriptor digest
/// for OCI layouts, the uncompressed layer digest (diff id) for the legacy <c>docker save</c> layout.
/// </summary>
internal sealed record ImageBlob(string Member, string Digest, string? MediaType = null)
{
    /// <summary>True unless the media type says this is not a filesystem tar (an attestation, say).</summary>
    public bool IsLayerTar => MediaType is null || MediaType.Contains("tar", StringComparison.Ordinal);
}
