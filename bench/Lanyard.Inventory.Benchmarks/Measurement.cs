namespace Lanyard.Inventory.Benchmarks;

/// <summary>The timed runs of one scenario on one database, against the time it must stay under.</summary>
/// <param name="Database">sqlite or postgres.</param>
/// <param name="Scenario">What was timed, in words.</param>
/// <param name="Runs">Every timed run, warm-up excluded.</param>
/// <param name="Target">The most the median may take; null when the scenario has no target.</param>
/// <param name="Detail">What the runs did and where the time went.</param>
internal sealed record Measurement(string Database, string Scenario, IReadOnlyList<TimeSpan> Runs, TimeSpan? Target, string Detail)
{
    public TimeSpan Median
    {
        get
        {
            var sorted = Runs.Order().ToList();
            return sorted.Count % 2 == 1
                ? sorted[sorted.Count / 2]
                : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    public TimeSpan Best => Runs.Min();

    public bool? MeetsTarget => Target is { } target ? Median < target : null;
}
