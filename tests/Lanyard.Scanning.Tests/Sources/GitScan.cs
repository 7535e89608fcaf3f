namespace Lanyard.Scanning.Tests.Sources;

internal static class GitScan
{
    public static Task<ScanResult> History(string repository) =>
        new SecretScanner().RunAsync(new ScanRequest { Paths = [repository], Source = ScanSource.GitHistory });

    public static Task<ScanResult> Staged(string repository) =>
        new SecretScanner().RunAsync(new ScanRequest { Paths = [repository], Source = ScanSource.GitStaged });
}
