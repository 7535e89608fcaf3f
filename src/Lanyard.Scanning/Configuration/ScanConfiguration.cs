namespace Lanyard.Scanning.Configuration;

/// <summary>
/// What a <c>.lanyard-scan.yaml</c> file adds to a scan: custom rules, disabled rules, path exclusions
/// and allowed fingerprints. Read with <see cref="ScanConfigurationReader"/>.
/// </summary>
public sealed record ScanConfiguration
{
    /// <summary>The file name looked for at the root of a scanned folder.</summary>
    public const string FileName = ".lanyard-scan.yaml";

    public static ScanConfiguration Empty { get; } = new();

    /// <summary>Where the configuration was read from; null when it was not read from a file.</summary>
    public string? Source { get; init; }

    public IReadOnlyList<CustomRule> Rules { get; init; } = [];

    /// <summary>Ids of rules (built-in or custom) that never report.</summary>
    public IReadOnlyList<string> DisabledRules { get; init; } = [];

    /// <summary>Paths left out of the scan, in .gitignore syntax, relative to each scanned folder.</summary>
    public IReadOnlyList<string> ExcludePaths { get; init; } = [];

    public IReadOnlyList<AllowedFingerprint> AllowedFingerprints { get; init; } = [];

    /// <summary>Reads a configuration file; throws <see cref="ScanConfigurationException"/> naming line and column.</summary>
    public static ScanConfiguration Load(string path)
    {
        using var reader = new StreamReader(path);
        return ScanConfigurationReader.Read(reader, path);
    }
}
