using System.Diagnostics;

namespace Lanyard.Inventory.Benchmarks;

/// <summary>One timed run: wall-clock time, and the processor time this process spent in it.</summary>
/// <remarks>
/// On a machine shared with other work the wall-clock time grows with the load; the processor time
/// barely does, so it tells a slower machine from a busier one. PostgreSQL's own processor time is
/// in another process and not counted.
/// </remarks>
internal readonly record struct RunTime(TimeSpan Wall, TimeSpan Cpu);

/// <summary>Starts timing at construction.</summary>
internal sealed class RunClock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

    public RunTime Elapsed => new(_wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - _cpu);
}
