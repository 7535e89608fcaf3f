using System.CommandLine;
using Lanyard.Cli.Http;
using Lanyard.Scanning;
using Lanyard.Scanning.Configuration;
using Lanyard.Scanning.Sources.Git;

namespace Lanyard.Cli.Commands;

/// <summary>
/// A <c>lanyard scan</c> command line checked and resolved: what to scan, the configuration, the
/// baseline and the output. Anything wrong is a <see cref="CliException"/> with exit 2, before any scanning.
/// </summary>
internal sealed record ScanSettings
{
    public const string StandardInput = "-";

    /// <summary>How standard input is named in findings.</summary>
    public const string StandardInputName = "<stdin>";

    public required ScanRequest Request { get; init; }

    public required ScanConfiguration Configuration { get; init; }

    public required string Format { get; init; }

    public string? Output { get; init; }

    public string? WriteBaseline { get; init; }

    public bool ReportUnused { get; init; }

    public bool ReadsStandardInput { get; init; }

    public bool ListRules { get; init; }

    /// <summary>What <c>--report</c> names as scanned; null when the findings are not reported.</summary>
    public string? ReportSource { get; init; }

    /// <summary><c>--complete</c>: the report ends a scan of the whole source.</summary>
    public bool ReportComplete { get; init; }

    public static ScanSettings From(ParseResult parse, ScanOptions options)
    {
        var images = parse.GetValue(options.Images) ?? [];
        var (source, paths) = Source(parse.GetValue(options.Paths) ?? [], parse.GetValue(options.Git),
            parse.GetValue(options.Staged), images);
        var readsStdin = paths is [StandardInput];
        var listRules = parse.GetValue(options.ListRules);
        if (!readsStdin && !listRules)
        {
            RequireExisting(paths);
            if (source is ScanSource.GitHistory or ScanSource.GitStaged
                && paths.Select(GitRepositories.Refusal).FirstOrDefault(r => r is not null) is { } refusal)
            {
                throw BadInput(refusal);
            }
        }

        var baselinePath = parse.GetValue(options.Baseline);
        var reportUnused = parse.GetValue(options.ReportUnused);
        if (reportUnused && baselinePath is null)
        {
            throw BadInput("--report-unused needs --baseline FILE: it lists the entries of that baseline that matched nothing.");
        }

        var threads = parse.GetValue(options.Threads);
        if (threads is < 1)
        {
            throw BadInput($"--threads must be 1 or more, not {threads}.");
        }

        var output = parse.GetValue(options.Output);
        var writeBaseline = parse.GetValue(options.WriteBaseline);
        RequireWritableFolder(output, "--output");
        RequireWritableFolder(writeBaseline, "--write-baseline");

        var reportSource = parse.GetValue(options.ReportSource);
        if (reportSource is not null && !parse.GetValue(options.Report))
        {
            throw BadInput("--source names what --report sends; give --report with it.");
        }

        if (parse.GetValue(options.ReportComplete) && !parse.GetValue(options.Report))
        {
            throw BadInput("--complete says the reported scan covered the whole source; give --report with it.");
        }

        if (parse.GetValue(options.ReportComplete) && parse.GetValue(options.Staged))
        {
            throw BadInput("--staged reads only the staged changes, not the whole source, so it cannot be --complete.");
        }

        if (parse.GetValue(options.Report) && Environment.GetEnvironmentVariable("LANYARD_TOKEN") is not { Length: > 0 })
        {
            throw BadInput("--report sends the findings to the server named by LANYARD_ADDR; set LANYARD_TOKEN to a token it accepts.");
        }

        var configuration = LoadConfiguration(parse.GetValue(options.Config), paths, source);
        var request = new ScanRequest
        {
            Paths = readsStdin ? [] : paths,
            Source = source,
            RespectGitIgnore = !parse.GetValue(options.NoIgnore),
            ExcludePatterns = parse.GetValue(options.Exclude) ?? [],
            ScanArchives = !parse.GetValue(options.NoArchives),
            ShowSecrets = parse.GetValue(options.ShowSecrets),
            MinimumConfidence = Enum.Parse<Confidence>(parse.GetValue(options.MinConfidence) ?? "medium", ignoreCase: true),
            Baseline = baselinePath is null ? null : LoadBaseline(baselinePath),
            MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount,
        };

        return new ScanSettings
        {
            Request = request,
            Configuration = configuration,
            Format = parse.GetValue(options.Format) ?? "table",
            Output = output,
            WriteBaseline = writeBaseline,
            ReportUnused = reportUnused,
            ReadsStandardInput = readsStdin,
            ListRules = listRules,
            ReportSource = parse.GetValue(options.Report) ? reportSource ?? ScanOrigin.Describe(source, paths) : null,
            ReportComplete = parse.GetValue(options.ReportComplete),
        };
    }

    /// <summary>Maps <c>--git</c>, <c>--staged</c> and <c>--image</c> onto a source and the paths it reads.</summary>
    private static (ScanSource Source, IReadOnlyList<string> Paths) Source(string[] paths, bool git, bool staged, string[] images)
    {
        if (git && staged)
        {
            throw BadInput("--git and --staged exclude each other: --git reads all history, --staged only the index.");
        }

        if (images.Length > 0)
        {
            return git || staged || paths.Length > 0
                ? throw BadInput("--image scans image files only; give no PATH, --git or --staged with it.")
                : (ScanSource.Image, images);
        }

        if (paths.Contains(StandardInput) && (paths.Length > 1 || git || staged))
        {
            throw BadInput("'-' reads standard input and goes alone: no other PATH, --git or --staged with it.");
        }

        var source = git ? ScanSource.GitHistory : staged ? ScanSource.GitStaged : ScanSource.Files;
        return (source, paths.Length == 0 ? ["."] : paths);
    }

    private static void RequireExisting(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw BadInput($"{path}: no such file or folder.");
            }
        }
    }

    private static void RequireWritableFolder(string? file, string option)
    {
        var folder = file is null ? null : Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw BadInput($"{option} {file}: the folder {folder} does not exist.");
        }
    }

    /// <summary>
    /// The configuration named by <c>--config</c>, else the <c>.lanyard-scan.yaml</c> at the root of the scanned
    /// folder (the current folder for standard input and images). Two scanned folders with different files are ambiguous.
    /// </summary>
    private static ScanConfiguration LoadConfiguration(string? configured, IReadOnlyList<string> paths, ScanSource source)
    {
        if (configured is not null)
        {
            return File.Exists(configured) ? Load(configured) : throw BadInput($"--config {configured}: no such file.");
        }

        var roots = source == ScanSource.Image || paths is [StandardInput] ? ["."] : paths.Where(Directory.Exists);
        var found = roots.Select(r => Path.Combine(r, ScanConfiguration.FileName)).Where(File.Exists)
            .DistinctBy(Path.GetFullPath).ToList();
        return found switch
        {
            [] => ScanConfiguration.Empty,
            [var only] => Load(only),
            _ => throw BadInput($"Each of {string.Join(" and ", found)} configures the scan; choose one with --config FILE."),
        };
    }

    private static ScanConfiguration Load(string path)
    {
        try
        {
            return ScanConfiguration.Load(path);
        }
        catch (ScanConfigurationException e)
        {
            throw BadInput(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BadInput($"{path}: the configuration cannot be read: {e.Message}");
        }
    }

    private static Baseline LoadBaseline(string path)
    {
        try
        {
            return Baseline.Load(path);
        }
        catch (BaselineFormatException e)
        {
            throw BadInput(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BadInput($"--baseline {path}: the file cannot be read: {e.Message}");
        }
    }

    private static CliException BadInput(string message) => new(message, ExitCodes.BadInput);
}
