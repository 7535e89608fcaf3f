namespace Lanyard.Scanning.Detection;

/// <summary>The findings of one scanned stream, how many bytes it had, and whether it was skipped as binary.</summary>
internal sealed record ContentScanResult(IReadOnlyList<SecretFinding> Findings, long Bytes, bool IsBinary)
{
    public static ContentScanResult Binary(long bytes) => new([], bytes, true);
}
