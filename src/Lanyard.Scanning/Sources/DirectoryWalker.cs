namespace Lanyard.Scanning.Sources;

/// <summary>
/// Lists the files under the scan roots, honouring .gitignore files (unless disabled) and the request's
/// exclusions, never entering <c>.git</c>, and following symbolic links only to targets not yet seen.
/// Problems become warnings; the walk goes on.
/// </summary>
internal sealed class DirectoryWalker(ScanRequest request, Action<ScanWarning> warn)
{
    private readonly HashSet<string> visitedDirectories = new(StringComparer.Ordinal);

    public IEnumerable<ScanItem> Walk()
    {
        foreach (var root in request.Paths)
        {
            var fullRoot = Path.GetFullPath(root);
            if (File.Exists(fullRoot))
            {
                yield return new ScanItem(fullRoot, root.Replace('\\', '/'));
            }
            else if (Directory.Exists(fullRoot))
            {
                // With one folder, paths are relative to it (as a repository's are); with several, each
                // keeps the folder it came from, so `scan a b` never shows two different files as one path.
                var prefix = request.Paths.Count > 1 ? DisplayRoot(root) : string.Empty;
                foreach (var item in WalkDirectory(fullRoot))
                {
                    yield return prefix.Length == 0 ? item : item with { DisplayPath = prefix + "/" + item.DisplayPath };
                }
            }
            else
            {
                warn(new ScanWarning(root, "The path does not exist."));
            }
        }
    }

    private static string DisplayRoot(string root)
    {
        var display = root.Replace('\\', '/').TrimEnd('/');
        while (display.StartsWith("./", StringComparison.Ordinal))
        {
            display = display[2..];
        }

        return display is "." ? string.Empty : display;
    }

    private IEnumerable<ScanItem> WalkDirectory(string root)
    {
        var rootRules = IgnoreRules.None.With(string.Empty, request.ExcludePatterns);
        var pending = new Stack<(string FullPath, string Relative, IgnoreRules Rules)>();
        pending.Push((root, string.Empty, rootRules));
        visitedDirectories.Add(RealPath(root));
        while (pending.Count > 0)
        {
            var (directory, relative, inherited) = pending.Pop();
            var rules = request.RespectGitIgnore ? LoadGitIgnore(directory, relative, inherited) : inherited;
            var entries = ListEntries(directory, relative);
            foreach (var entry in entries.OrderByDescending(e => e.Name, StringComparer.Ordinal))
            {
                var entryRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                var isDirectory = entry is DirectoryInfo;
                if ((isDirectory && entry.Name == ".git") || rules.IsIgnored(entryRelative, isDirectory))
                {
                    continue;
                }

                if (isDirectory)
                {
                    if (ShouldEnter(entry, entryRelative))
                    {
                        pending.Push((entry.FullName, entryRelative, rules));
                    }
                }
                else if (IsReadableFile(entry, entryRelative))
                {
                    yield return new ScanItem(entry.FullName, entryRelative);
                }
            }
        }
    }

    private FileSystemInfo[] ListEntries(string directory, string relative)
    {
        try
        {
            return new DirectoryInfo(directory).GetFileSystemInfos();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn(new ScanWarning(relative.Length == 0 ? "." : relative, $"The folder cannot be read: {e.Message}"));
            return [];
        }
    }

    private IgnoreRules LoadGitIgnore(string directory, string relative, IgnoreRules inherited)
    {
        var file = Path.Combine(directory, ".gitignore");
        try
        {
            return File.Exists(file) ? inherited.With(relative, File.ReadLines(file)) : inherited;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn(new ScanWarning(relative.Length == 0 ? ".gitignore" : relative + "/.gitignore", e.Message));
            return inherited;
        }
    }

    private bool ShouldEnter(FileSystemInfo directory, string relative)
    {
        if (directory.LinkTarget is null)
        {
            return visitedDirectories.Add(RealPath(directory.FullName));
        }

        var target = TryResolve(directory);
        if (target is null || !target.Exists)
        {
            warn(new ScanWarning(relative, "Broken symbolic link."));
            return false;
        }

        if (!visitedDirectories.Add(RealPath(target.FullName)))
        {
            warn(new ScanWarning(relative, "Symbolic link to a folder already scanned (a loop or a duplicate)."));
            return false;
        }

        return true;
    }

    private bool IsReadableFile(FileSystemInfo file, string relative)
    {
        if (file.LinkTarget is null)
        {
            return true;
        }

        var target = TryResolve(file);
        if (target is null || !target.Exists || target is DirectoryInfo)
        {
            warn(new ScanWarning(relative, "Broken symbolic link."));
            return false;
        }

        return true;
    }

    private static FileSystemInfo? TryResolve(FileSystemInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string RealPath(string path)
    {
        try
        {
            return new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }
}
