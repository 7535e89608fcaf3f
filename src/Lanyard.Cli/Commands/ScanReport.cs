using System.Globalization;
using System.Text.Json.Nodes;
using Lanyard.Cli.Http;
using Lanyard.Cli.Output;
using Lanyard.Scanning;
using Lanyard.Scanning.Reporting;
using Spectre.Console;

namespace Lanyard.Cli.Commands;

/// <summary>
/// What <c>lanyard scan</c> prints: the report (table, JSON or SARIF) on standard output or in the
/// <c>--output</c> file, and for people, on standard error, the warnings, unused baseline entries and a summary.
/// </summary>
internal sealed class ScanReport(ScanSettings settings, IReadOnlyList<SecretRule> rules)
{
    public void Write(ScanResult result)
    {
        try
        {
            using var stream = settings.Output is null ? Console.OpenStandardOutput() : File.Create(settings.Output);
            WriteTo(stream, result);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{settings.Output}: the report cannot be written: {e.Message}", ExitCodes.Failed);
        }
    }

    public void WriteSummary(ScanResult result)
    {
        foreach (var warning in result.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning.Path}: {warning.Message}");
        }

        if (settings.ReportUnused && result.UnusedBaselineEntries.Count > 0)
        {
            Console.Error.WriteLine($"{result.UnusedBaselineEntries.Count} baseline entry(ies) matched nothing and can be removed:");
            foreach (var entry in result.UnusedBaselineEntries)
            {
                Console.Error.WriteLine($"  {entry.Fingerprint[..12]}  {entry.RuleId}  {entry.Path}:{entry.Line}");
            }
        }

        Console.Error.WriteLine(Summary(result));
        if (!result.IsComplete)
        {
            Console.Error.WriteLine($"The scan is incomplete: {result.Warnings.Count} problem(s) kept some content "
                + "from being read (listed above).");
        }
    }

    /// <summary>The rules in force, as a table or JSON.</summary>
    public static void WriteRules(IReadOnlyList<SecretRule> rules, string format)
    {
        var items = new JsonArray([.. rules.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => (JsonNode)new JsonObject
        {
            ["id"] = r.Id, ["kind"] = r.Kind, ["family"] = r.Family, ["description"] = r.Description,
        })]);
        Printer.List(items, format == "table" ? "table" : "json",
            [Column.Of("ID", "id"), Column.Of("KIND", "kind"), Column.Of("FAMILY", "family"), Column.Of("DESCRIPTION", "description")]);
    }

    private void WriteTo(Stream stream, ScanResult result)
    {
        switch (settings.Format)
        {
            case "json":
                JsonReportWriter.Write(stream, result, settings.ReportUnused);
                stream.Write("\n"u8);
                break;
            case "sarif":
                SarifReportWriter.Write(stream, result, ToolVersion(), rules);
                stream.Write("\n"u8);
                break;
            default:
                WriteTable(stream, result);
                break;
        }
    }

    private void WriteTable(Stream stream, ScanResult result)
    {
        if (result.Findings.Count == 0)
        {
            return;
        }

        var toTerminal = settings.Output is null && !Console.IsOutputRedirected;
        using var writer = new StreamWriter(stream, leaveOpen: true);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = toTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = toTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!toTerminal)
        {
            // A file or a pipe has no width; wide rows read better than wrapped ones.
            console.Profile.Width = 240;
        }

        var rows = FindingTable.From(result.Findings);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in rows.Columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (var row in rows.Rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        console.Write(table);
    }

    private static string Summary(ScanResult result)
    {
        var scanned = string.Create(CultureInfo.InvariantCulture,
            $"{result.FilesScanned} file(s), {Size(result.BytesScanned)}, in {result.Elapsed.TotalSeconds:0.0} s");
        var found = result.Findings.Count == 0
            ? $"No secrets found in {scanned}"
            : $"Found {result.Findings.Count} secret(s) in {scanned}";
        var left = new List<string>();
        if (result.SuppressedByBaseline > 0)
        {
            left.Add($"{result.SuppressedByBaseline} left out by the baseline");
        }

        if (result.SuppressedByConfiguration > 0)
        {
            left.Add($"{result.SuppressedByConfiguration} allowed by the configuration");
        }

        return left.Count == 0 ? found + "." : $"{found}; {string.Join(", ", left)}.";
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB"),
    };

    private static string ToolVersion()
    {
        var version = typeof(ScanReport).Assembly.GetName().Version ?? new Version(0, 1, 0);
        return $"{version.Major}.{version.Minor}.{Math.Max(0, version.Build)}";
    }
}
