namespace Lanyard.Inventory.Benchmarks;

/// <summary>Progress lines on standard error, so the results on standard output stay clean.</summary>
internal static class Progress
{
    public static void Say(string database, string message) =>
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {database,-8} {message}");

    /// <summary>Passes <paramref name="items"/> through, reporting every <paramref name="every"/> items.</summary>
    public static IEnumerable<T> Counted<T>(IEnumerable<T> items, string database, string what, int total, int every = 100_000)
    {
        var count = 0;
        foreach (var item in items)
        {
            yield return item;
            if (++count % every == 0 || count == total)
            {
                Say(database, $"{what}: {count:N0} of {total:N0}");
            }
        }
    }
}
