namespace Lanyard.Scanning.Sources.Images;

/// <summary>
/// The files of an image as stored: a tar (from <c>docker save</c>, or an OCI layout packed as tar) or an
/// OCI layout folder. Members are opened by name, read-only; nothing is ever extracted to disk.
/// </summary>
internal abstract class ImageArchive(string path, Action<ScanWarning> warn) : IDisposable
{
    public string Path { get; } = path;

    protected Action<ScanWarning> Warn { get; } = warn;

    /// <summary>Opens an image folder or tar; null with a warning when it is neither.</summary>
    public static ImageArchive? Open(string path, Action<ScanWarning> warn)
    {
        if (Directory.Exists(path))
        {
            return new DirectoryImageArchive(path, warn);
        }

        if (File.Exists(path))
        {
            return TarImageArchive.Read(path, warn);
        }

        warn(new ScanWarning(path, "The image file does not exist."));
        return null;
    }

    public abstract bool Contains(string name);

    /// <summary>A seekable stream of the member; null with a warning when it is missing or unsafe to follow.</summary>
    public abstract Stream? OpenMember(string name);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
