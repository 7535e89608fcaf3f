using System.CommandLine;

namespace Lanyard.Cli.Commands;

/// <summary>The arguments and options of <c>lanyard scan</c>.</summary>
internal sealed class ScanOptions
{
    public Argument<string[]> Paths { get; } = new("PATH")
    {
        Description = "Files and folders to scan, '-' for standard input (default: the current folder)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<bool> Git { get; } = new("--git") { Description = "Scan every commit on every branch of the repository at PATH" };

    public Option<bool> Staged { get; } = new("--staged")
    {
        Description = "Scan what is staged in the git index at PATH (for pre-commit hooks)",
    };

    public Option<string[]> Images { get; } = new("--image")
    {
        Description = "Scan a container image: a docker save tarball or an OCI image layout (repeatable)",
    };

    public Option<string> Format { get; } = CreateFormat();

    public Option<string?> Output { get; } = new("--output", "-o")
    {
        Description = "Write the report to this file instead of standard output",
    };

    public Option<string?> Baseline { get; } = new("--baseline")
    {
        Description = "Leave out the secrets whose fingerprints this baseline file lists",
    };

    public Option<string?> WriteBaseline { get; } = new("--write-baseline")
    {
        Description = "Write every secret found to this baseline file, accepting them (exit 0 unless the scan is incomplete)",
    };

    public Option<bool> ReportUnused { get; } = new("--report-unused")
    {
        Description = "List baseline entries that matched nothing, and exit 1 if there are any",
    };

    public Option<bool> ShowSecrets { get; } = new("--show-secrets")
    {
        Description = "Print the secrets themselves, not just a short prefix",
    };

    public Option<bool> NoIgnore { get; } = new("--no-ignore") { Description = "Scan files that .gitignore excludes too" };

    public Option<bool> NoArchives { get; } = new("--no-archives") { Description = "Do not open zip, jar, tar and tar.gz files" };

    public Option<string[]> Exclude { get; } = new("--exclude")
    {
        Description = "Leave out paths matching this .gitignore-style pattern (repeatable)",
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Read rules, exclusions and allowed fingerprints from this file (default: .lanyard-scan.yaml in the scanned folder)",
    };

    public Option<string> MinConfidence { get; } = CreateMinConfidence();

    public Option<int?> Threads { get; } = new("--threads") { Description = "Files scanned in parallel (default: one per core)" };

    public Option<bool> Report { get; } = new("--report")
    {
        Description = "Send the findings, as fingerprints and places only, to the Lanyard server (LANYARD_ADDR, LANYARD_TOKEN)",
    };

    public Option<string?> ReportSource { get; } = new("--source")
    {
        Description = "What --report says was scanned (default: the repository's origin remote, else the scanned path)",
    };

    public Option<bool> ReportComplete { get; } = new("--complete")
    {
        Description = "With --report: this scan covered the whole source, so the places of it reported before and not found now "
                      + "(removed, or now suppressed by a baseline or allowlist) are resolved on the server",
    };

    public Option<bool> ListRules { get; } = new("--list-rules") { Description = "List the rules in force (built-in and custom) and exit" };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Paths);
        foreach (var option in new Option[]
                 {
                     Git, Staged, Images, Format, Output, Baseline, WriteBaseline, ReportUnused, ShowSecrets, NoIgnore,
                     NoArchives, Exclude, Config, MinConfidence, Threads, Report, ReportSource, ReportComplete, ListRules,
                 })
        {
            command.Options.Add(option);
        }
    }

    private static Option<string> CreateFormat()
    {
        var option = new Option<string>("--format")
        {
            Description = "table for people (the default), json for scripts, sarif for code scanning",
            DefaultValueFactory = _ => "table",
        };
        option.AcceptOnlyFromAmong("table", "json", "sarif");
        return option;
    }

    private static Option<string> CreateMinConfidence()
    {
        var option = new Option<string>("--min-confidence")
        {
            Description = "Report findings of at least this confidence: low, medium (the default) or high",
            DefaultValueFactory = _ => "medium",
        };
        option.AcceptOnlyFromAmong("low", "medium", "high");
        return option;
    }
}
