using System.Runtime.InteropServices;

namespace Lanyard.Inventory.Benchmarks;

/// <summary>Prints the machine and the measurements as a Markdown table, ready for docs/benchmarks.md.</summary>
internal static class ResultTable
{
    public static void Write(TextWriter output, BenchSettings settings, IReadOnlyList<Measurement> measurements, string loadAtStart)
    {
        output.WriteLine();
        output.WriteLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({CpuModel()}), "
                         + $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}.");
        output.WriteLine($"Load average (1, 5, 15 min): {loadAtStart} at the start, {LoadAverage()} at the end.");
        output.WriteLine($"Credential report: {settings.ReportRows:N0} rows; posture inventory: {settings.Credentials:N0} credentials; "
                         + $"median of {settings.Runs} runs after a warm-up run.");
        output.WriteLine();
        output.WriteLine("| Database | Measurement | Median | CPU | Best | Target | Verdict | Detail |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var m in measurements)
        {
            var target = m.Target is { } t ? $"< {t.TotalSeconds:F0} s" : "";
            var verdict = m.MeetsTarget switch { true => "meets", false => "misses", null => "" };
            output.WriteLine($"| {m.Database} | {m.Scenario} | {Seconds(m.Median.Wall)} | {Seconds(m.Median.Cpu)} | {Seconds(m.Best)} | {target} | {verdict} | {m.Detail} |");
        }
    }

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:F2} s";

    /// <summary>How busy the machine is with other work, which the wall-clock times include.</summary>
    public static string LoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        return File.Exists(loadAverage)
            ? string.Join(" ", File.ReadAllText(loadAverage).Split(' ').Take(3))
            : "unknown";
    }

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
