using System.Diagnostics;

using Lanyard.Core.Posture;
using Lanyard.Inventory.Benchmarks.Generation;
using Lanyard.Store.Audit;
using Lanyard.Store.Bulk;
using Lanyard.Store.Inventory;

namespace Lanyard.Inventory.Benchmarks;

/// <summary>
/// Times <c>GET /v1/findings</c> without the HTTP around it: the inventory loads every identity and
/// credential from the store and the posture analyzer judges them, as the endpoint calls it.
/// </summary>
internal sealed class PostureBenchmark(
    BenchDatabase database, string databaseName, InventoryGenerator inventory, int credentials, DateTimeOffset asOf, int runs)
{
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(5);

    /// <summary>Writes the generated inventory in bulk; not timed.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var name in InventoryGenerator.Environments.Except(InventoryService.DefaultEnvironments))
        {
            await database.Inventory.CreateEnvironmentAsync(new EnvironmentDraft(name), Actor.System, cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        await using var db = database.Store.CreateContext();
        await BulkTable.InsertAsync(db, inventory.Owners, cancellationToken);
        await BulkTable.InsertAsync(
            db, Progress.Counted(inventory.Identities, databaseName, "seeding identities", inventory.Identities.Count),
            cancellationToken);
        await BulkTable.InsertAsync(
            db, Progress.Counted(inventory.Credentials(), databaseName, "seeding credentials", credentials), cancellationToken);
        Progress.Say(databaseName, $"seeded {inventory} in {clock.Elapsed.TotalSeconds:F0} s");
    }

    public async Task<Measurement> RunAsync(CancellationToken cancellationToken)
    {
        Progress.Say(databaseName, "posture, warm-up run");
        var (cold, _) = await PostureAsync(cancellationToken);

        var times = new List<RunTime>();
        IReadOnlyList<Finding> findings = [];
        for (var run = 1; run <= runs; run++)
        {
            Progress.Say(databaseName, $"posture, run {run} of {runs}");
            (var time, findings) = await PostureAsync(cancellationToken);
            times.Add(time);
        }

        var byKind = findings.GroupBy(f => f.Kind).OrderBy(g => g.Key)
            .Select(g => $"{g.Count():N0} {Kebab(g.Key)}");
        var detail = $"{findings.Count:N0} findings ({string.Join(", ", byKind)}); first run {cold.Wall.TotalSeconds:F1} s";
        return new Measurement(databaseName, $"Posture over {credentials:N0} credentials (all environments)", times, Target, detail);
    }

    private async Task<(RunTime Time, IReadOnlyList<Finding> Findings)> PostureAsync(CancellationToken cancellationToken)
    {
        var clock = new RunClock();
        var posture = await database.Inventory.PostureAsync(environment: null, asOf, cancellationToken);
        var time = clock.Elapsed;
        return posture.Succeeded
            ? (time, posture.Value!)
            : throw new InvalidOperationException($"Posture failed: {posture.Problem!.Detail}");
    }

    private static string Kebab(FindingKind kind) => kind switch
    {
        FindingKind.ReusedAcrossEnvironments => "reused",
        FindingKind.WeakKey => "weak key",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
