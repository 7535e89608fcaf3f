using System.Runtime.CompilerServices;
using System.Text;

using Lanyard.Scanning.Detection;
using Lanyard.Scanning.Sources;

namespace Lanyard.Scanning;

/// <summary>
/// The secret-scanning engine. Files are listed, scanned in parallel and streamed back as findings:
/// detect (keyword prefilter, then provider rules), filter (examples, placeholders, baseline),
/// fingerprint (SHA-256 of the secret), report (see <c>JsonReportWriter</c>, <c>SarifReportWriter</c>).
/// </summary>
public sealed class SecretScanner
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly DetectionEngine engine = DetectionEngine.Default;
    private readonly TimeProvider time;

    public SecretScanner()
        : this(TimeProvider.System)
    {
    }

    public SecretScanner(TimeProvider time)
    {
        this.time = time;
    }

    /// <summary>Every built-in rule, for documentation and SARIF rule metadata.</summary>
    public static IReadOnlyList<SecretRule> Rules => DetectionEngine.Default.Rules;

    /// <summary>Streams findings as files are scanned. Use <see cref="RunAsync"/> to also get warnings and totals.</summary>
    public async IAsyncEnumerable<SecretFinding> ScanAsync(
        ScanRequest request,
        IProgress<ScanProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var session = new ScanSession(request, engine);
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
        var session = new ScanSession(request, engine);
        var findings = new List<SecretFinding>();
        await foreach (var finding in RunSessionAsync(session, progress, cancellationToken))
        {
            findings.Add(finding);
        }

        return new ScanResult
        {
            Findings = [.. findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column)],
            Warnings = session.Warnings,
            FilesScanned = session.FilesScanned,
            BytesScanned = session.BytesScanned,
            BinaryFilesSkipped = session.BinaryFiles,
            SuppressedByBaseline = session.Suppressed,
            UnusedBaselineEntries = session.UnusedBaselineEntries(),
            Elapsed = time.GetElapsedTime(started),
        };
    }

    /// <summary>Scans one stream, such as standard input, shown in findings as <paramref name="path"/>.</summary>
    public IReadOnlyList<SecretFinding> ScanStream(
        Stream content, string path, ScanRequest? options = null, CancellationToken cancellationToken = default)
    {
        var session = new ScanSession(options ?? new ScanRequest { Paths = [] }, engine);
        session.ScanContent(content, path, cancellationToken);
        session.Findings.Writer.Complete();
        var findings = new List<SecretFinding>();
        while (session.Findings.Reader.TryRead(out var finding))
        {
            findings.Add(finding);
        }

        return findings;
    }

    public IReadOnlyList<SecretFinding> ScanText(string text, string path, ScanRequest? options = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return ScanStream(stream, path, options);
    }

    private async IAsyncEnumerable<SecretFinding> RunSessionAsync(
        ScanSession session, IProgress<ScanProgress>? progress, [EnumeratorCancellation] CancellationToken token)
    {
        var walker = new DirectoryWalker(session.Request, session.Warn);
        var workers = Math.Max(1, session.Request.MaxDegreeOfParallelism);
        var work = ScanWorkers.RunAsync(walker.Walk(), workers, item => session.ScanFile(item, token), token)
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
