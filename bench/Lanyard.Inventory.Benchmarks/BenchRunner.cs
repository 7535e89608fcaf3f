using Lanyard.Discovery;
using Lanyard.Inventory.Benchmarks.Generation;
using Lanyard.Store;

namespace Lanyard.Inventory.Benchmarks;

/// <summary>Generates the inputs once, then measures import and posture on each database in turn.</summary>
internal static class BenchRunner
{
    /// <summary>Posture is judged as of this moment; the exports were taken the evening before.</summary>
    private static readonly DateTimeOffset AsOf = new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);

    private const int WarmUpRows = 2_000;

    public static async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var dialects = new List<StoreDialect>();
        foreach (var name in settings.Databases)
        {
            switch (name.Trim().ToLowerInvariant())
            {
                case "sqlite":
                    dialects.Add(StoreDialect.Sqlite);
                    break;
                case "postgres" when string.IsNullOrWhiteSpace(settings.PostgresServer):
                    await Console.Error.WriteLineAsync("postgres needs --postgres or LANYARD_TEST_POSTGRES: the connection string of a server.");
                    return 2;
                case "postgres":
                    dialects.Add(StoreDialect.Postgres);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"--database: '{name}' is neither sqlite nor postgres.");
                    return 2;
            }
        }

        if (settings.Measures.FirstOrDefault(m => m is not ("import" or "posture")) is { } unknown)
        {
            await Console.Error.WriteLineAsync($"--measure: '{unknown}' is neither import nor posture.");
            return 2;
        }

        var folder = settings.WorkFolder?.FullName ?? Directory.CreateTempSubdirectory("lanyard-bench-").FullName;
        var ownFolder = settings.WorkFolder is null;
        try
        {
            var load = ResultTable.LoadAverage();
            var measurements = new List<Measurement>();
            var (files, warmUp) = WriteExports(folder, settings.ReportRows);
            foreach (var dialect in dialects)
            {
                if (settings.Measures.Contains("import"))
                {
                    measurements.AddRange(await MeasureImportAsync(dialect, folder, settings, files, warmUp, cancellationToken));
                }

                if (settings.Measures.Contains("posture"))
                {
                    measurements.Add(await MeasurePostureAsync(dialect, folder, settings, cancellationToken));
                }
            }

            ResultTable.Write(Console.Out, settings, measurements, load);
            return 0;
        }
        finally
        {
            if (ownFolder)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static (IReadOnlyList<ExportFile> Files, IReadOnlyList<ExportFile> WarmUp) WriteExports(string folder, int rows)
    {
        var takenAt = AsOf.AddHours(-4);
        Progress.Say("exports", $"writing a credential report of {rows:N0} rows and its authorization details");
        var (report, details) = new CredentialReportGenerator(rows, takenAt).Write(Path.Combine(folder, "report"));
        var (smallReport, smallDetails) = new CredentialReportGenerator(WarmUpRows, takenAt, seed: 7).Write(Path.Combine(folder, "warm-up"));
        Progress.Say("exports", $"credential report {new FileInfo(report).Length / 1e6:F1} MB, authorization details {new FileInfo(details).Length / 1e6:F1} MB");

        return (
            [ExportFile.FromPath(report, "credential-report.csv"), ExportFile.FromPath(details, "authorization-details.json")],
            [ExportFile.FromPath(smallReport, "credential-report.csv"), ExportFile.FromPath(smallDetails, "authorization-details.json")]);
    }

    private static async Task<Measurement[]> MeasureImportAsync(
        StoreDialect dialect, string folder, BenchSettings settings, IReadOnlyList<ExportFile> files,
        IReadOnlyList<ExportFile> warmUp, CancellationToken cancellationToken)
    {
        var name = Name(dialect);
        await using var database = await BenchDatabase.CreateAsync(dialect, folder, settings.PostgresServer, "import", cancellationToken);
        var benchmark = new ImportBenchmark(database, name, files, settings.ReportRows, settings.Runs);

        Progress.Say(name, "import, warm-up run");
        await benchmark.WarmUpAsync(warmUp, cancellationToken);
        var (first, environment) = await benchmark.FirstImportAsync(cancellationToken);
        var again = await benchmark.ReimportAsync(environment, cancellationToken);
        return [first, again];
    }

    private static async Task<Measurement> MeasurePostureAsync(
        StoreDialect dialect, string folder, BenchSettings settings, CancellationToken cancellationToken)
    {
        var name = Name(dialect);
        await using var database = await BenchDatabase.CreateAsync(dialect, folder, settings.PostgresServer, "posture", cancellationToken);
        var inventory = new InventoryGenerator(settings.Credentials, AsOf);
        var benchmark = new PostureBenchmark(database, name, inventory, settings.Credentials, AsOf, settings.Runs);

        await benchmark.SeedAsync(cancellationToken);
        return await benchmark.RunAsync(cancellationToken);
    }

    private static string Name(StoreDialect dialect) => dialect == StoreDialect.Postgres ? "postgres" : "sqlite";
}
