using System.Collections.Concurrent;
using System.Threading.Channels;

using Lanyard.Scanning.Detection;

namespace Lanyard.Scanning.Sources;

/// <summary>
/// The shared state of one scan: the request, counters, warnings and the channel findings flow
/// through. Workers call <see cref="ScanFile"/> in parallel; everything here is thread-safe.
/// </summary>
internal sealed class ScanSession
{
    private readonly ContentScanner scanner;
    private readonly ConcurrentQueue<ScanWarning> warnings = new();
    private readonly ConcurrentDictionary<string, bool> matchedBaseline = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SecretFinding> baselineMatches = new();
    private long filesScanned;
    private long bytesScanned;
    private long binaryFiles;
    private long findingsReported;
    private long suppressed;
    private long allowed;

    public ScanSession(ScanRequest request, DetectionEngine engine)
    {
        Request = request;
        scanner = new ContentScanner(engine, new FindingOptions(request.MinimumConfidence, request.ShowSecrets));
        Archives = new ArchiveScanner(this);
    }

    public ScanRequest Request { get; }

    public ArchiveScanner Archives { get; }

    public Channel<SecretFinding> Findings { get; } = Channel.CreateUnbounded<SecretFinding>(
        new UnboundedChannelOptions { SingleReader = true });

    public IReadOnlyList<ScanWarning> Warnings => [.. warnings];

    public long FilesScanned => Interlocked.Read(ref filesScanned);

    public long BytesScanned => Interlocked.Read(ref bytesScanned);

    public long BinaryFiles => Interlocked.Read(ref binaryFiles);

    public long Suppressed => Interlocked.Read(ref suppressed);

    public long Allowed => Interlocked.Read(ref allowed);

    public IReadOnlyList<SecretFinding> BaselineMatches => [.. baselineMatches];

    public string? CurrentPath { get; private set; }

    public void Warn(ScanWarning warning) => warnings.Enqueue(warning);

    public ScanProgress Progress(bool completed) => new(
        FilesScanned, BytesScanned, Interlocked.Read(ref findingsReported), warnings.Count, CurrentPath, completed);

    public IReadOnlyList<BaselineEntry> UnusedBaselineEntries() =>
        Request.Baseline is null ? [] : [.. Request.Baseline.Entries.Where(e => !matchedBaseline.ContainsKey(e.Fingerprint))];

    public void ScanFile(ScanItem item, CancellationToken cancellationToken)
    {
        CurrentPath = item.DisplayPath;
        try
        {
            using var stream = new FileStream(item.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite,
                bufferSize: 1, FileOptions.SequentialScan);
            var kind = Request.ScanArchives ? ArchiveFormats.FromName(item.DisplayPath) : ArchiveKind.None;
            if (kind != ArchiveKind.None && IsArchive(stream, kind))
            {
                Interlocked.Increment(ref filesScanned);
                Interlocked.Add(ref bytesScanned, stream.Length);
                Archives.Scan(stream, item.DisplayPath, kind, depth: 1, cancellationToken);
                return;
            }

            ScanContent(stream, item.DisplayPath, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Warn(new ScanWarning(item.DisplayPath, $"The file cannot be read: {e.Message}"));
        }
    }

    /// <summary>Scans one stream of content (a file or an archive member) and publishes its findings.</summary>
    public void ScanContent(Stream stream, string path, CancellationToken cancellationToken)
    {
        foreach (var finding in Inspect(stream, path, cancellationToken))
        {
            Publish(finding);
        }
    }

    /// <summary>
    /// Scans one stream and counts it, but returns the findings instead of publishing them, for sources
    /// that place findings first (a commit, a layer) and then <see cref="Publish"/> them.
    /// </summary>
    public IReadOnlyList<SecretFinding> Inspect(Stream stream, string path, CancellationToken cancellationToken)
    {
        CurrentPath = path;
        var result = scanner.Scan(stream, path, cancellationToken);
        Interlocked.Increment(ref filesScanned);
        Interlocked.Add(ref bytesScanned, result.Bytes);
        if (result.IsBinary)
        {
            Interlocked.Increment(ref binaryFiles);
        }

        return result.Findings;
    }

    /// <summary>Reports a finding unless the configuration allows or the baseline lists its fingerprint.</summary>
    public void Publish(SecretFinding finding)
    {
        if (Request.AllowedFingerprints.Contains(finding.Fingerprint))
        {
            Interlocked.Increment(ref allowed);
            return;
        }

        if (Request.Baseline?.Contains(finding.Fingerprint) == true)
        {
            matchedBaseline.TryAdd(finding.Fingerprint, true);
            baselineMatches.Enqueue(finding);
            Interlocked.Increment(ref suppressed);
            return;
        }

        Interlocked.Increment(ref findingsReported);
        Findings.Writer.TryWrite(finding);
    }

    private static bool IsArchive(FileStream stream, ArchiveKind kind)
    {
        Span<byte> head = stackalloc byte[512];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        return ArchiveFormats.HeadMatches(kind, head[..read]);
    }
}
