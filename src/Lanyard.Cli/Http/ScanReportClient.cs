using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lanyard.Core.Discovery;
using Lanyard.Scanning;
using Lanyard.Server.Api;
using Lanyard.Server.Json;

namespace Lanyard.Cli.Http;

/// <summary>
/// Sends a scan's findings to the server (<c>POST /v1/scan-reports</c>) as fingerprints and places.
/// A finding's secret and its redacted prefix are never sent: the request is built from the
/// fingerprint and location alone. Large scans go in several requests.
/// </summary>
internal sealed class ScanReportClient(ApiClient api)
{
    /// <summary>Findings per request: half the server's limit, so one request stays a few MB.</summary>
    public const int ChunkSize = ScanReportRules.MaxFindings / 2;

    private static readonly JsonSerializerOptions ResponseOptions =
        new(LanyardJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    /// <summary>A client for the server named by <c>LANYARD_ADDR</c>, <c>LANYARD_TOKEN</c> and <c>LANYARD_CACERT</c>.</summary>
    public static ScanReportClient Connect() => new(ApiClient.Connect());

    /// <summary>Reports <paramref name="findings"/> as found in <paramref name="source"/>; a scan with none is reported too.</summary>
    /// <param name="source">What was scanned, such as <c>github.com/acme/billing</c> or an image name.</param>
    /// <param name="findings">The scan's findings.</param>
    /// <param name="cancellationToken">Stops between or during requests.</param>
    /// <param name="progress">Told how many findings have been sent so far.</param>
    /// <param name="complete">
    /// The scan covered the whole source: its last report says so, naming when the first was
    /// stored, and the server resolves the places of the source the scan did not report.
    /// </param>
    public async Task<ScanReportSummary> SendAsync(
        string source, IReadOnlyList<SecretFinding> findings, CancellationToken cancellationToken, IProgress<int>? progress = null,
        bool complete = false)
    {
        ArgumentNullException.ThrowIfNull(findings);
        source = source?.Trim() ?? string.Empty;
        if (source.Length is 0 or > ScanReportRules.MaxSourceLength)
        {
            throw new CliException(
                $"The report's source must name what was scanned in 1 to {ScanReportRules.MaxSourceLength} characters.",
                ExitCodes.BadInput);
        }

        var summary = new ScanReportSummary(0, 0, 0, []);
        var sent = 0;
        var chunks = Chunks(findings).ToList();
        DateTimeOffset? startedAt = null;
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            var last = i == chunks.Count - 1;
            var report = new ScanReport(source, [.. chunk.Select(ToReported)])
            {
                Complete = complete && last,
                ScanStartedAt = complete && last ? startedAt : null,
            };
            var answer = await PostAsync(report, cancellationToken);
            startedAt ??= answer.ReportedAt;
            summary = Add(summary, answer);
            sent += chunk.Length;
            progress?.Report(sent);
        }

        return summary;
    }

    /// <summary>What one finding becomes on the wire: the fingerprint and where it is, nothing of the secret.</summary>
    internal static ReportedSecret ToReported(SecretFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new ReportedSecret(
            finding.RuleId,
            finding.Kind,
            Printable(finding.Path, ScanReportRules.MaxPathLength),
            finding.Line,
            finding.Column,
            finding.Fingerprint,
            finding.Confidence switch
            {
                Confidence.High => SightingConfidence.High,
                Confidence.Medium => SightingConfidence.Medium,
                _ => SightingConfidence.Low,
            },
            finding.Commit,
            finding.CommitTime,
            finding.Layer);
    }

    private static IEnumerable<SecretFinding[]> Chunks(IReadOnlyList<SecretFinding> findings) =>
        findings.Count == 0 ? [[]] : findings.Chunk(ChunkSize);

    private async Task<ScanReportView> PostAsync(ScanReport report, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/scan-reports")
        {
            Content = JsonContent.Create(report, options: LanyardJson.Options),
        };
        var answer = await api.SendAsync(request, cancellationToken);
        return answer?.Deserialize<ScanReportView>(ResponseOptions)
            ?? throw new CliException("The server answered the scan report with no summary.", ExitCodes.Failed);
    }

    private static ScanReportSummary Add(ScanReportSummary total, ScanReportView answer)
    {
        var linked = total.Linked.Concat(answer.Linked)
            .DistinctBy(l => (l.Fingerprint, l.CredentialId))
            .ToList();
        return new ScanReportSummary(
            total.Received + answer.Received, total.Stored + answer.Stored, total.Updated + answer.Updated, linked)
        {
            Resolved = total.Resolved + answer.Resolved,
        };
    }

    /// <summary>
    /// File names may hold control characters and nest deep inside archives; the server takes
    /// neither, so such a path is shown with U+FFFD and, past the limit, keeps its end.
    /// </summary>
    private static string Printable(string path, int maxLength)
    {
        var printable = path.Any(char.IsControl)
            ? string.Create(path.Length, path, static (span, p) =>
            {
                for (var i = 0; i < p.Length; i++)
                {
                    span[i] = char.IsControl(p[i]) ? '\uFFFD' : p[i];
                }
            })
            : path;
        return printable.Length <= maxLength ? printable : "…" + printable[^(maxLength - 1)..];
    }
}
