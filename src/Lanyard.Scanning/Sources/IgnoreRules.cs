namespace Lanyard.Scanning.Sources;

/// <summary>
/// The .gitignore files in force for a folder: its own and its ancestors', deepest last. Immutable,
/// so a child folder shares its parent's chain.
/// </summary>
internal sealed class IgnoreRules
{
    public static readonly IgnoreRules None = new(null, string.Empty, []);

    private readonly IgnoreRules? parent;
    private readonly string baseDirectory;
    private readonly IReadOnlyList<GitIgnorePattern> patterns;

    private IgnoreRules(IgnoreRules? parent, string baseDirectory, IReadOnlyList<GitIgnorePattern> patterns)
    {
        this.parent = parent;
        this.baseDirectory = baseDirectory;
        this.patterns = patterns;
    }

    /// <summary>Rules from the given lines, which apply to paths relative to <paramref name="baseDirectory"/>.</summary>
    public IgnoreRules With(string baseDirectory, IEnumerable<string> lines)
    {
        var parsed = lines.Select(GitIgnorePattern.Parse).OfType<GitIgnorePattern>().ToList();
        return parsed.Count == 0 ? this : new IgnoreRules(this, baseDirectory, parsed);
    }

    /// <summary>Whether a path relative to the scan root is ignored; the last matching pattern decides.</summary>
    public bool IsIgnored(string relativePath, bool isDirectory)
    {
        var ignored = parent?.IsIgnored(relativePath, isDirectory) ?? false;
        if (patterns.Count == 0)
        {
            return ignored;
        }

        string local;
        if (baseDirectory.Length == 0)
        {
            local = relativePath;
        }
        else if (relativePath.StartsWith(baseDirectory + "/", StringComparison.Ordinal))
        {
            local = relativePath[(baseDirectory.Length + 1)..];
        }
        else
        {
            return ignored;
        }

        foreach (var pattern in patterns)
        {
            if (pattern.Matches(local, isDirectory))
            {
                ignored = !pattern.Negated;
            }
        }

        return ignored;
    }
}
