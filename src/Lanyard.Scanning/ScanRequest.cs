namespace Lanyard.Scanning;

/// <summary>What to scan and how. Only <see cref="Paths"/> is required.</summary>
public sealed record ScanRequest
{
    /// <summary>
    /// Files and folders to scan; for <see cref="ScanSource.GitHistory"/> and <see cref="ScanSource.GitStaged"/> the
    /// repository working trees, for <see cref="ScanSource.Image"/> the image files (docker save tarballs or OCI
    /// image layouts). Archives among files are opened unless <see cref="ScanArchives"/> is off.
    /// </summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>What <see cref="Paths"/> names: plain files and folders (the default), git history, the git index, images.</summary>
    public ScanSource Source { get; init; } = ScanSource.Files;

    /// <summary>Honour .gitignore files (the <c>--no-ignore</c> option turns this off).</summary>
    public bool RespectGitIgnore { get; init; } = true;

    /// <summary>Extra exclusions in .gitignore syntax, relative to each scanned folder; always applied.</summary>
    public IReadOnlyList<string> ExcludePatterns { get; init; } = [];

    public bool ScanArchives { get; init; } = true;

    /// <summary>Put the secret itself in each finding (<c>--show-secrets</c>); off by default.</summary>
    public bool ShowSecrets { get; init; }

    public Confidence MinimumConfidence { get; init; } = Confidence.Medium;

    /// <summary>Fingerprints to leave out of the results.</summary>
    public Baseline? Baseline { get; init; }

    /// <summary>Fingerprints accepted by configuration (<c>allowedFingerprints</c>); never reported, never unused.</summary>
    public IReadOnlySet<string> AllowedFingerprints { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Bytes read from one archive member at most; beyond it the member is cut off with a warning.</summary>
    public long MaxArchiveEntryBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>How many archives deep (an archive in an archive) the scanner opens.</summary>
    public int MaxArchiveDepth { get; init; } = 3;
}
