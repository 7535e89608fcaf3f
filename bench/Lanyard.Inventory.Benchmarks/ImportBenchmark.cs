using Lanyard.Discovery;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;

namespace Lanyard.Inventory.Benchmarks;

/// <summary>
/// Times <c>POST /v1/imports/aws</c> without the HTTP around it: the AWS importer reads the
/// uploaded files into a batch, then the inventory merges the batch into the environment in one
/// transaction with its audit event, exactly as the endpoint calls them.
/// </summary>
internal sealed class ImportBenchmark(
    BenchDatabase database, string databaseName, IReadOnlyList<ExportFile> files, int reportRows, int runs)
{
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(10);

    private static readonly Actor Operator = new("benchmark", Core.Access.Role.Admin);

    private readonly IExportImporter _importer = ExportImporters.Find("aws")
                                                 ?? throw new InvalidOperationException("No aws importer.");

    /// <summary>Runs once on <paramref name="warmUp"/> so the timed runs don't pay for compiling the code.</summary>
    public async Task WarmUpAsync(IReadOnlyList<ExportFile> warmUp, CancellationToken cancellationToken)
    {
        await CreateEnvironmentAsync("warm-up", cancellationToken);
        await ImportAsync(warmUp, "warm-up", cancellationToken);
        await ImportAsync(warmUp, "warm-up", cancellationToken);
    }

    /// <summary>Each run imports into an environment of its own that holds nothing yet.</summary>
    public async Task<(Measurement First, string Environment)> FirstImportAsync(CancellationToken cancellationToken)
    {
        var times = new List<RunTime>();
        var parse = new List<TimeSpan>();
        ImportSummary? summary = null;
        var environment = string.Empty;
        for (var run = 1; run <= runs; run++)
        {
            environment = $"import-{run}";
            await CreateEnvironmentAsync(environment, cancellationToken);
            Progress.Say(databaseName, $"first import, run {run} of {runs}");
            (var read, var total, var imported) = await ImportAsync(files, environment, cancellationToken);
            parse.Add(read);
            times.Add(total);

            // Owners are shared by all environments: only the first run creates them.
            summary ??= imported;
        }

        var detail = $"{Split(parse, times)}; adds {summary!.IdentitiesAdded:N0} identities, "
                     + $"{summary.CredentialsAdded:N0} credentials, {summary.OwnersAdded:N0} owners";
        return (new Measurement(databaseName, $"Import a {reportRows:N0}-row credential report (new environment)", times, Target, detail), environment);
    }

    /// <summary>Imports the same files again into <paramref name="environment"/>: everything matches, nothing changes.</summary>
    public async Task<Measurement> ReimportAsync(string environment, CancellationToken cancellationToken)
    {
        var times = new List<RunTime>();
        var parse = new List<TimeSpan>();
        ImportSummary? summary = null;
        for (var run = 1; run <= runs; run++)
        {
            Progress.Say(databaseName, $"repeated import, run {run} of {runs}");
            (var read, var total, summary) = await ImportAsync(files, environment, cancellationToken);
            parse.Add(read);
            times.Add(total);
        }

        var changed = summary!.IdentitiesAdded + summary.IdentitiesChanged + summary.CredentialsAdded
                      + summary.CredentialsChanged + summary.CredentialsGone;
        var detail = $"{Split(parse, times)}; {changed:N0} changes";
        return new Measurement(databaseName, "Import the same report again (no changes)", times, Target, detail);
    }

    private async Task<(TimeSpan Read, RunTime Total, ImportSummary Summary)> ImportAsync(
        IReadOnlyList<ExportFile> exportFiles, string environment, CancellationToken cancellationToken)
    {
        var clock = new RunClock();
        var batch = _importer.Import(exportFiles);
        var read = clock.Elapsed.Wall;
        var imported = await database.Inventory.ImportAsync(environment, batch, Operator, cancellationToken);
        var total = clock.Elapsed;

        if (!imported.Succeeded)
        {
            throw new InvalidOperationException($"The import failed: {imported.Problem!.Detail}");
        }

        return (read, total, imported.Value!);
    }

    private async Task CreateEnvironmentAsync(string name, CancellationToken cancellationToken)
    {
        var created = await database.Inventory.CreateEnvironmentAsync(new EnvironmentDraft(name), Operator, cancellationToken);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not create environment {name}: {created.Problem!.Detail}");
        }
    }

    /// <summary>Where the median run's time went.</summary>
    private static string Split(List<TimeSpan> parse, List<RunTime> total)
    {
        var median = total.IndexOf(Measurement.MedianOf(total));
        var merge = total[median].Wall - parse[median];
        return $"reading files {parse[median].TotalSeconds:F1} s, store merge {merge.TotalSeconds:F1} s";
    }
}
