using Lanyard.Core.Discovery;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Api;

/// <summary>The answer to a scan report: counts, and the reported secrets that are credentials of the inventory.</summary>
public sealed record ScanReportView(int Received, int Stored, int Updated, IReadOnlyList<LinkedSecretView> Linked)
{
    /// <summary>Places of the source that this report, completing a scan, found no longer there.</summary>
    public int Resolved { get; init; }

    /// <summary>When the report was stored: the <c>scanStartedAt</c> of a scan sent in several reports.</summary>
    public DateTimeOffset ReportedAt { get; init; }

    public static ScanReportView From(ScanReportSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new ScanReportView(s.Received, s.Stored, s.Updated,
            s.Linked.Select(l => new LinkedSecretView(
                l.Fingerprint, l.CredentialId.Value, l.Credential, l.Identity, l.Environment, l.Owner)).ToList())
        {
            Resolved = s.Resolved,
            ReportedAt = s.ReportedAt,
        };
    }
}

/// <summary>A reported secret and the credential, identity, environment and owner it belongs to.</summary>
public sealed record LinkedSecretView(
    string Fingerprint, Guid CredentialId, string Credential, string? Identity, string Environment, string? Owner);

/// <summary>One stored place a scan reported a hardcoded secret.</summary>
public sealed record SightingView(
    Guid Id, string Fingerprint, string RuleId, string Kind, string Source, string Path, int Line, int Column,
    string? Commit, DateTimeOffset? CommitTime, string? Layer, SightingConfidence Confidence,
    DateTimeOffset FirstReportedAt, DateTimeOffset LastReportedAt, string ReportedBy, DateTimeOffset? ResolvedAt)
{
    public static SightingView From(SecretSighting s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new SightingView(s.Id, s.Fingerprint, s.RuleId, s.Kind, s.Source, s.Path, s.Line, s.Column, s.Commit,
            s.CommitTime, s.Layer, s.Confidence, s.FirstReportedAt, s.LastReportedAt, s.ReportedBy, s.ResolvedAt);
    }
}
