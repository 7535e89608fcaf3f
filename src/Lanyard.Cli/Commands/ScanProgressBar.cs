using Lanyard.Scanning;
using Spectre.Console;

namespace Lanyard.Cli.Commands;

/// <summary>
/// A live line on standard error while a scan runs (files, bytes, findings, the current path), when standard
/// error is a terminal; nothing at all when it is redirected, so CI logs and pipes stay clean.
/// </summary>
internal static class ScanProgressBar
{
    public static async Task<ScanResult> RunAsync(Func<IProgress<ScanProgress>?, Task<ScanResult>> scan)
    {
        if (Console.IsErrorRedirected)
        {
            return await scan(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new SpinnerColumn(), new ElapsedTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                var task = context.AddTask("Scanning").IsIndeterminate();
                var result = await scan(new Reporter(task));
                task.StopTask();
                return result;
            });
    }

    private sealed class Reporter(ProgressTask task) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value)
        {
            var path = value.CurrentPath is { Length: > 60 } current ? "…" + current[^59..] : value.CurrentPath;
            task.Description = Markup.Escape(
                $"{value.FilesScanned:N0} files, {ScanReport.Size(value.BytesScanned)}, {value.FindingsReported} finding(s)"
                + (value.Warnings > 0 ? $", {value.Warnings} warning(s)" : "") + (path is null ? "" : $"  {path}"));
        }
    }
}
