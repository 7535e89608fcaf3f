namespace Lanyard.Scanning.Sources.Images;

/// <summary>
/// Scans container images: <c>docker save</c> tarballs (legacy and OCI-in-tar layouts) and OCI image
/// layouts (a folder, or one packed as tar). For each image the configuration (build history, ENV, ARG,
/// labels) is scanned, then every layer bottom-up, each layer once per image file however many images
/// share it. Findings carry the layer digest and the path inside the layer; a secret at one path is
/// reported once, in the lowest layer that has it (later layers that copy or touch the file add nothing
/// new to rotate). Files deleted by a later layer are still found, since each layer is read whole.
/// Everything is read in place, never extracted to disk.
/// </summary>
internal sealed class ImageSource(ScanSession session)
{
    public void Scan(string path, CancellationToken cancellationToken)
    {
        using var archive = ImageArchive.Open(path, session.Warn);
        if (archive is null)
        {
            return;
        }

        var manifests = new ImageManifests(archive, session.Warn);
        var reported = new HashSet<(string, string)>();
        var layers = new HashSet<string>(StringComparer.Ordinal);
        var reader = new LayerReader(session, (finding, layer) => Publish(finding, layer.Digest, reported));
        foreach (var image in manifests.Read())
        {
            if (image.Config is { } config && layers.Add(config.Member))
            {
                ScanConfig(manifests, config, reported, cancellationToken);
            }

            foreach (var layer in image.Layers.Where(l => layers.Add(l.Member)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                reader.Read(archive, layer, cancellationToken);
            }
        }
    }

    private void ScanConfig(
        ImageManifests manifests, ImageBlob config, HashSet<(string, string)> reported, CancellationToken token)
    {
        using var document = manifests.ReadJson(config.Member);
        if (document is null)
        {
            return;
        }

        var text = ImageConfigDocument.Render(document.RootElement);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        foreach (var finding in session.Inspect(stream, ImageConfigDocument.PathName, token))
        {
            Publish(finding, config.Digest, reported);
        }
    }

    private void Publish(SecretFinding finding, string digest, HashSet<(string, string)> reported)
    {
        lock (reported)
        {
            if (!reported.Add((finding.Fingerprint, finding.Path)))
            {
                return;
            }
        }

        session.Publish(finding with { Layer = digest });
    }
}
