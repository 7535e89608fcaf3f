using Lanyard.Scanning.Detection;

namespace Lanyard.Scanning.Tests;

/// <summary>Shorthands for scanning text in tests.</summary>
internal static class Scan
{
    private static readonly SecretScanner Scanner = new();

    public static IReadOnlyList<SecretFinding> Text(string text, string path = "config.txt") =>
        Scanner.ScanText(text, path);

    public static IReadOnlyList<SecretFinding> Text(string text, string path, Confidence minimum) =>
        Scanner.ScanText(text, path, new ScanRequest { Paths = [], MinimumConfidence = minimum, ShowSecrets = true });

    /// <summary>The one finding the text should produce; fails on none or several.</summary>
    public static SecretFinding Single(string text, string path = "config.txt")
    {
        var findings = Text(text, path);
        Assert.True(findings.Count == 1,
            $"Expected one finding, got {findings.Count}: {string.Join(", ", findings.Select(f => f.RuleId))}");
        return findings[0];
    }

    public static string Fingerprint(string secret) => CandidatePipeline.Fingerprint(secret);
}
