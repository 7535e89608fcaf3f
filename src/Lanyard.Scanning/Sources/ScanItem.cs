namespace Lanyard.Scanning.Sources;

/// <summary>A file to scan: where it is on disk and the path findings will show.</summary>
internal sealed record ScanItem(string FullPath, string DisplayPath);
