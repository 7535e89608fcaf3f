using System.Runtime.CompilerServices;
using System.Text;

using Lanyard.Scanning.Configuration;
using Lanyard.Scanning.Detection;
using Lanyard.Scanning.Sources;
using Lanyard.Scanning.Sources.Git;
using Lanyard.Scanning.Sources.Images;

namespace Lanyard.Scanning;

/// <summary>
/// The secret-scanning engine. Files are listed, scanned in parallel and streamed back as findings:
/// detect (keyword prefilter, then provider rules), filter (examples, placeholders, baseline),
/// fingerprint (SHA-256 of the secret), report (see <c>JsonReportWriter</c>, <c>SarifReportWriter</c>).
/// </summary>
public sealed class SecretScanner
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly DetectionEngine engine;
    private readonly ScanConfiguration configuration;
    private readonly TimeProvider time;

    public SecretScanner()
        : this(TimeProvider.System)
    {
    }

    public SecretScanner(TimeProvider time)
        : this(ScanConfiguration.Empty, time)
    {
    }

    /// <summary>A scanner with a configuration's custom rules, disabled rules, exclusions and allowed fingerprints.</summary>
    public SecretScanner(ScanConfiguration configuration, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        this.configuration = configuration;
        engine = DetectionEngine.For(configuration);
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Every built-in rule, for documentation and SARIF rule metadata.</summary>
    public static IReadOnlyList<SecretRule> Rules => DetectionEngine.Default.Rules;

    /// <summary>The rules this scanner runs: built-in and custom, less the disabled ones.</summary>
    public IReadOnlyList<SecretRule> ActiveRules => engine.Rules;

    /// <summary>Streams findings as files are scanned. Use <see cref="RunAsync"/> to also get warnings and totals.</summary>
    public async IAsyncEnumerable<SecretFinding> ScanAsync(
        ScanRequest request,
        IProgress<ScanProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var session = new ScanSession(Configure(request), engine);
        await foreach (var finding in RunSessionAsync(session, progress, cancellationToken))
        {
            yield return finding;
        }
    }

    /// <summary>Scans to the end and returns findings in path and line order, with warnings and totals.</summary>
    public async Task<ScanResult> RunAsync(
        ScanRequest request, IProgress<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        var started = time.GetTimestamp();
        var session = new ScanSession(Configure(request), engine);
        var findings = new List<SecretFinding>();
        await foreach (var finding in RunSessionAsync(session, progress, cancellationToken))
        {
            findings.Add(finding);
        }

        return Result(session, findings, started);
    }

    /// <summary>
    /// Scans one stream, such as standard input, shown in findings as <paramref name="path"/>, with the
    /// request's baseline, allowed fingerprints and confidence, and returns the result as <see cref="RunAsync"/> does.
    /// </summary>
    public ScanResult RunStream(Stream content, string path, ScanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        var started = time.GetTimestamp();
        var session = new ScanSession(Configure(request), engine);
        try
        {
            session.ScanContent(content, path, cancellationToken);
        }
        catch (IOException e)
        {
            session.Warn(new ScanWarning(path, $"The stream cannot be read to its end: {e.Message}"));
        }

        session.Findings.Writer.Complete();
        var findings = new List<SecretFinding>();
        while (session.Findings.Reader.TryRead(out var finding))
        {
            findings.Add(finding);
        }

        return Result(session, findings, started);
    }

    private ScanResult Result(ScanSession session, List<SecretFinding> findings, long started) =>
        new()
        {
            Findings = [.. findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column)],
            Warnings = session.Warnings,
            FilesScanned = session.FilesScanned,
            BytesScanned = session.BytesScanned,
            BinaryFilesSkipped = session.BinaryFiles,
            SuppressedByBaseline = session.Suppressed,
            BaselineMatches = [.. session.BaselineMatches.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line)],
            SuppressedByConfiguration = session.Allowed,
            UnusedBaselineEntries = session.UnusedBaselineEntries(),
            Elapsed = time.GetElapsedTime(started),
        };

    /// <summary>Scans one stream, such as standard input, shown in findings as <paramref name="path"/>.</summary>
    public IReadOnlyList<SecretFinding> ScanStream(
        Stream content, string path, ScanRequest? options = null, CancellationToken cancellationToken = default) =>
        RunStream(content, path, options ?? new ScanRequest { Paths = [] }, cancellationToken).Findings;

    public IReadOnlyList<SecretFinding> ScanText(string text, string path, ScanRequest? options = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return ScanStream(stream, path, options);
    }

    /// <summary>Adds the configuration's exclusions and allowed fingerprints to a request.</summary>
    private ScanRequest Configure(ScanRequest request)
    {
        if (configuration.ExcludePaths.Count == 0 && configuration.AllowedFingerprints.Count == 0)
        {
            return request;
        }

        return request with
        {
            ExcludePatterns = [.. request.ExcludePatterns, .. configuration.ExcludePaths],
            AllowedFingerprints = new HashSet<string>(
                request.AllowedFingerprints.Concat(configuration.AllowedFingerprints.Select(a => a.Fingerprint)),
                StringComparer.Ordinal),
        };
    }

    private async IAsyncEnumerable<SecretFinding> RunSessionAsync(
        ScanSession session, IProgress<ScanProgress>? progress, [EnumeratorCancellation] CancellationToken token)
    {
        var work = Task.Run(() => ReadSource(session, token), token)
            .ContinueWith(t => session.Findings.Writer.Complete(t.Exception?.InnerException), TaskScheduler.Default);
        var reporting = progress is null ? Task.CompletedTask : ReportProgressAsync(session, progress, work, token);

        await foreach (var finding in session.Findings.Reader.ReadAllAsync(token))
        {
            yield return finding;
        }

        await work;
        await reporting;
        progress?.Report(session.Progress(completed: true));
    }

    /// <summary>Feeds the session from the request's source; findings flow out through its channel.</summary>
    private static void ReadSource(ScanSession session, CancellationToken token)
    {
        var request = session.Request;
        switch (request.Source)
        {
            case ScanSource.GitHistory:
                var history = new GitSource(session);
                foreach (var repository in request.Paths)
                {
                    history.ScanHistory(repository, token);
                }

                break;
            case ScanSource.GitStaged:
                var index = new GitSource(session);
                foreach (var repository in request.Paths)
                {
                    index.ScanStaged(repository, token);
                }

                break;
            case ScanSource.Image:
                var images = new ImageSource(session);
                foreach (var image in request.Paths)
                {
                    images.Scan(image, token);
                }

                break;
            default:
                var walker = new DirectoryWalker(request, session.Warn);
                var workers = Math.Max(1, request.MaxDegreeOfParallelism);
                ScanWorkers.RunAsync(walker.Walk(), workers, item => session.ScanFile(item, token), token).GetAwaiter().GetResult();
                break;
        }
    }

    /// <summary>Reports on a timer rather than per finding, so a bar moves through long clean stretches.</summary>
    private async Task ReportProgressAsync(
        ScanSession session, IProgress<ScanProgress> progress, Task work, CancellationToken token)
    {
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(ProgressInterval, time, token));
            if (!work.IsCompleted)
            {
                progress.Report(session.Progress(completed: false));
            }
        }
    }
}
