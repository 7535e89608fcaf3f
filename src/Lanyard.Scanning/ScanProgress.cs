namespace Lanyard.Scanning;

/// <summary>A progress snapshot, reported at most a few times a second and once at the end.</summary>
public sealed record ScanProgress(
    long FilesScanned,
    long BytesScanned,
    long FindingsReported,
    int Warnings,
    string? CurrentPath,
    bool Completed);
