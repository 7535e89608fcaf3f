namespace Lanyard.Scanning.Sources.Images;

/// <summary>
/// An OCI image layout folder. A name is opened only if it, and every link on the way to it, stays
/// inside the folder: a hostile layout could otherwise point a blob at any file on the machine.
/// </summary>
internal sealed class DirectoryImageArchive(string path, Action<ScanWarning> warn) : ImageArchive(path, warn)
{
    private readonly string root = RealPath(System.IO.Path.GetFullPath(path));

    public override bool Contains(string name) => Locate(name, warn: false) is { } file && File.Exists(file);

    public override Stream? OpenMember(string name)
    {
        var file = Locate(name, warn: true);
        if (file is null)
        {
            return null;
        }

        try
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
            return new WindowStream(stream, 0, stream.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Warn(new ScanWarning(Display(name), $"The file cannot be read: {e.Message}"));
            return null;
        }
    }

    private string? Locate(string name, bool warn)
    {
        var relative = MemberName.Normalize(name, out var escapes);
        var real = escapes ? null : RealPath(System.IO.Path.Combine(root, relative));
        if (real is null || !real.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            if (warn)
            {
                Warn(new ScanWarning(Display(name), "The image names a file outside its folder; not followed."));
            }

            return null;
        }

        if (!File.Exists(real))
        {
            if (warn)
            {
                Warn(new ScanWarning(Display(name), "The image names a file that is not in its folder."));
            }

            return null;
        }

        return real;
    }

    private string Display(string name) => Path.TrimEnd('/') + "/" + name;

    /// <summary>The path with every symbolic link along it resolved.</summary>
    private static string RealPath(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var parts = full.Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = System.IO.Path.GetPathRoot(full) ?? "/";
        foreach (var part in parts)
        {
            current = System.IO.Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                current = target is null ? current : System.IO.Path.GetFullPath(target.FullName);
            }
        }

        return current;
    }
}
