using System.Diagnostics;
using System.Globalization;

using Lanyard.Scanning;
using Lanyard.Scanning.Detection;
using Lanyard.Scanning.Reporting;

// Usage: lanyard-scan-throughput DIR [--report FILE] [--parallel N]
//        lanyard-scan-throughput --keywords
// Scans DIR with every built-in rule, as `lanyard scan DIR` does, and prints one summary line.
// --keywords prints the prefilter's keywords, one a line, for a grep over the same words.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: lanyard-scan-throughput DIR [--report FILE] [--parallel N] | --keywords");
    return 2;
}

if (args[0] == "--keywords")
{
    var keywords = DetectorCatalog.CreateAll().SelectMany(d => d.Keywords.Concat(d.CaseSensitiveKeywords));
    foreach (var keyword in keywords.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
    {
        Console.WriteLine(keyword);
    }

    return 0;
}

var folder = args[0];
string? report = null;
var parallel = Environment.ProcessorCount;
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--report" when i + 1 < args.Length:
            report = args[++i];
            break;
        case "--parallel" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n):
            parallel = n;
            i++;
            break;
        default:
            Console.Error.WriteLine($"unknown argument: {args[i]}");
            return 2;
    }
}

if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"no such folder: {folder}");
    return 2;
}

var clock = Stopwatch.StartNew();
var request = new ScanRequest { Paths = [folder], MaxDegreeOfParallelism = parallel };
var result = await new SecretScanner().RunAsync(request);
clock.Stop();

if (report is not null)
{
    await using var output = File.Create(report);
    JsonReportWriter.Write(output, result);
}

var seconds = clock.Elapsed.TotalSeconds;
var megabytes = result.BytesScanned / 1_000_000.0;
using var self = Process.GetCurrentProcess();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"files={result.FilesScanned} binary={result.BinaryFilesSkipped} bytes={result.BytesScanned} "
    + $"findings={result.Findings.Count} warnings={result.Warnings.Count} elapsed={seconds:F3}s "
    + $"throughput={megabytes / seconds:F1}MB/s peak_rss={self.PeakWorkingSet64 / 1_000_000}MB "
    + $"gcs={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
return 0;
