namespace Lanyard.Scanning;

/// <summary>Something the scan could not read completely. The scan goes on; the result is incomplete.</summary>
/// <param name="Path">The file, archive member or folder concerned.</param>
/// <param name="Message">What went wrong, without any secret content.</param>
public sealed record ScanWarning(string Path, string Message);
