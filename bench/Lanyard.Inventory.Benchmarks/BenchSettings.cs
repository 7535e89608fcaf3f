namespace Lanyard.Inventory.Benchmarks;

/// <summary>What to measure, on which databases, how many times.</summary>
internal sealed record BenchSettings(
    IReadOnlyList<string> Databases,
    IReadOnlySet<string> Measures,
    string? PostgresServer,
    int ReportRows,
    int Credentials,
    int Runs,
    DirectoryInfo? WorkFolder);
