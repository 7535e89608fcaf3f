namespace Lanyard.Inventory.Benchmarks;

/// <summary>The timed runs of one scenario on one database, against the time it must stay under.</summary>
/// <param name="Database">sqlite or postgres.</param>
/// <param name="Scenario">What was timed, in words.</param>
/// <param name="Runs">Every timed run, warm-up excluded.</param>
/// <param name="Target">The most the median may take; null when the scenario has no target.</param>
/// <param name="Detail">What the runs did and where the time went.</param>
internal sealed record Measurement(string Database, string Scenario, IReadOnlyList<RunTime> Runs, TimeSpan? Target, string Detail)
{
    /// <summary>The run with the median wall-clock time.</summary>
    public RunTime Median => MedianOf(Runs);

    public TimeSpan Best => Runs.Min(r => r.Wall);

    public bool? MeetsTarget => Target is { } target ? Median.Wall < target : null;

    /// <summary>The middle run by wall-clock time; of an even number, the faster of the middle two.</summary>
    public static RunTime MedianOf(IReadOnlyList<RunTime> runs)
    {
        var sorted = runs.OrderBy(r => r.Wall).ToList();
        return sorted[(sorted.Count - 1) / 2];
    }
}
