using System.CommandLine;
using Lanyard.Cli.Http;
using Lanyard.Cli.Output;
using Lanyard.Scanning;

namespace Lanyard.Cli.Commands;

/// <summary>
/// <c>lanyard scan PATH...</c>: finds hardcoded secrets in files, git history, the git index, container
/// images or standard input, with no server. Exit 0: complete and clean; 1: findings (or, with
/// <c>--report-unused</c>, stale baseline entries); 2: bad usage or configuration, nothing scanned;
/// 3: no findings, but something could not be read.
/// </summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var options = new ScanOptions();
        var command = new Command("scan", "Find hardcoded secrets in files, git history, the git index or container images");
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var settings = ScanSettings.From(parse, options);
                return settings.ListRules ? ListRules(settings) : await RunAsync(settings, ct);
            }
            catch (CliException e)
            {
                Printer.Error(e.Message);
                return e.ExitCode;
            }
        });
        return command;
    }

    private static int ListRules(ScanSettings settings)
    {
        var scanner = new SecretScanner(settings.Configuration);
        ScanReport.WriteRules(scanner.ActiveRules, settings.Format);
        return ExitCodes.Ok;
    }

    private static async Task<int> RunAsync(ScanSettings settings, CancellationToken ct)
    {
        // Connect before scanning, so a missing token is bad usage at once, not after a long scan.
        var reporter = settings.ReportSource is null ? null : ScanReportClient.Connect();
        var scanner = new SecretScanner(settings.Configuration);
        var result = await ScanProgressBar.RunAsync(progress => settings.ReadsStandardInput
            ? Task.FromResult(ScanStandardInput(scanner, settings, ct))
            : scanner.RunAsync(settings.Request, progress, ct));

        var report = new ScanReport(settings, scanner.ActiveRules);
        report.Write(result);
        if (settings.WriteBaseline is { } baselinePath)
        {
            WriteBaseline(baselinePath, result);
        }

        report.WriteSummary(result);
        if (reporter is not null)
        {
            await SendReportAsync(reporter, settings, result, ct);
        }

        return ExitCode(settings, result);
    }

    private static async Task SendReportAsync(ScanReportClient reporter, ScanSettings settings, ScanResult result, CancellationToken ct)
    {
        var source = settings.ReportSource!;
        // A scan that could not read everything proves nothing about what it did not find.
        var complete = settings.ReportComplete && result.IsComplete;
        if (settings.ReportComplete && !result.IsComplete)
        {
            Console.Error.WriteLine("The scan was incomplete, so it is reported without --complete: no place is resolved.");
        }

        var summary = await reporter.SendAsync(source, result.Findings, ct, complete: complete);
        Console.Error.WriteLine(
            $"Reported {summary.Received} finding(s) from {source} to the server: {summary.Stored} new place(s), "
            + $"{summary.Linked.Count} linked to inventory credentials"
            + (complete ? $", {summary.Resolved} place(s) no longer found resolved." : "."));
        foreach (var linked in summary.Linked)
        {
            Console.Error.WriteLine(
                $"  {linked.Fingerprint[..12]}… is credential {linked.Credential} of {linked.Identity ?? "no identity"} "
                + $"in {linked.Environment}, owned by {linked.Owner ?? "nobody"}");
        }
    }

    private static ScanResult ScanStandardInput(SecretScanner scanner, ScanSettings settings, CancellationToken ct)
    {
        using var input = Console.OpenStandardInput();
        return scanner.RunStream(input, ScanSettings.StandardInputName, settings.Request, ct);
    }

    /// <summary>Findings first: a leak is the news; then an incomplete scan, whose silence proves nothing.</summary>
    private static int ExitCode(ScanSettings settings, ScanResult result)
    {
        if (settings.WriteBaseline is not null)
        {
            return result.IsComplete ? ExitCodes.Ok : ExitCodes.Incomplete;
        }

        if (result.Findings.Count > 0)
        {
            return ExitCodes.Failed;
        }

        if (!result.IsComplete)
        {
            return ExitCodes.Incomplete;
        }

        return settings.ReportUnused && result.UnusedBaselineEntries.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>Every current secret, including those the old baseline already held, so a rewrite refreshes it.</summary>
    private static void WriteBaseline(string path, ScanResult result)
    {
        var baseline = Baseline.FromFindings(result.Findings.Concat(result.BaselineMatches));
        try
        {
            using var stream = File.Create(path);
            baseline.Write(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: the baseline cannot be written: {e.Message}", ExitCodes.Failed);
        }

        Console.Error.WriteLine($"Wrote {baseline.Entries.Count} fingerprint(s) to the baseline {path}.");
    }
}
