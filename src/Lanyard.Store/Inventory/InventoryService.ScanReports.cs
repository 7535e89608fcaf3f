using Lanyard.Core;
using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Core.Posture;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Inventory;

public sealed partial class InventoryService
{
    /// <summary>Keys and fingerprints looked up per query, well under every dialect's parameter limit.</summary>
    private const int LookupBatch = 1000;

    /// <summary>
    /// Stores where a scan found hardcoded secrets, by fingerprint only, with its audit event in one
    /// transaction. A place already known is not stored again: its last-reported time moves on.
    /// A report with any fault is refused whole and changes nothing.
    /// </summary>
    public async Task<Result<ScanReportSummary>> ReportSecretsAsync(
        ScanReport report, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        if (ScanReportRules.Validate(report) is { } problem)
        {
            return problem;
        }

        // Two reports of one place racing on different replicas: the loser's insert breaks the
        // unique key, and its retry finds the place stored and updates it instead.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync<ScanReportSummary>(
                    db => StoreSightingsAsync(db, report, actor, cancellationToken), cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<Result<(ScanReportSummary Value, AuditEntry Audit)>> StoreSightingsAsync(
        LanyardDbContext db, ScanReport report, Actor actor, CancellationToken cancellationToken)
    {
        var source = report.Source.Trim();
        var reported = new Dictionary<string, ReportedSecret>(StringComparer.Ordinal);
        foreach (var finding in report.Findings)
        {
            var key = SecretSighting.KeyOf(finding.Fingerprint, source, finding.Path, finding.Line, Commit(finding), finding.Layer);
            reported.TryAdd(key, finding);
        }

        var known = new Dictionary<string, SecretSighting>(StringComparer.Ordinal);
        foreach (var keys in reported.Keys.Chunk(LookupBatch))
        {
            var stored = await db.SecretSightings.Where(s => keys.Contains(s.SightingKey)).ToListAsync(cancellationToken);
            foreach (var sighting in stored)
            {
                known[sighting.SightingKey] = sighting;
            }
        }

        // Kept to the microsecond, as PostgreSQL stores it: a scan sent in several reports names
        // this time back when it completes, and must find its own places at or after it.
        var ticks = Now.UtcTicks;
        var now = new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
        foreach (var (key, finding) in reported)
        {
            if (known.TryGetValue(key, out var sighting))
            {
                Refresh(sighting, finding, actor, now);
            }
            else
            {
                db.SecretSightings.Add(NewSighting(key, source, finding, actor, now));
            }
        }

        var resolved = report.Complete
            ? await ResolveUnreportedAsync(db, source, reported, report.ScanStartedAt, now, cancellationToken) : 0;
        var linked = await LinkAsync(db, reported.Values.Select(f => f.Fingerprint), cancellationToken);
        var summary = new ScanReportSummary(report.Findings.Count, reported.Count - known.Count, known.Count, linked)
        {
            Resolved = resolved,
            ReportedAt = now,
        };
        return (summary, new AuditEntry(actor, "scan.report", $"source/{source}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["received"] = summary.Received,
                ["stored"] = summary.Stored,
                ["updated"] = summary.Updated,
                ["linked"] = summary.Linked.Count,
                ["complete"] = report.Complete,
                ["resolved"] = summary.Resolved,
            },
        });
    }

    /// <summary>
    /// A complete scan of <paramref name="source"/> ends: its open places that the scan did not
    /// report, in this report or since <paramref name="scanStartedAt"/>, are resolved.
    /// </summary>
    private static async Task<int> ResolveUnreportedAsync(
        LanyardDbContext db, string source, Dictionary<string, ReportedSecret> reported, DateTimeOffset? scanStartedAt,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = scanStartedAt is { } started && started < now ? started : now;
        var gone = await db.SecretSightings
            .Where(s => s.Source == source && s.ResolvedAt == null && s.LastReportedAt < since)
            .ToListAsync(cancellationToken);
        var resolved = 0;
        foreach (var sighting in gone.Where(s => !reported.ContainsKey(s.SightingKey)))
        {
            sighting.ResolvedAt = now;
            resolved++;
        }

        return resolved;
    }

    private static string? Commit(ReportedSecret finding) => finding.Commit?.ToLowerInvariant();

    private static SecretSighting NewSighting(string key, string source, ReportedSecret finding, Actor actor, DateTimeOffset now) => new()
    {
        SightingKey = key,
        Fingerprint = finding.Fingerprint,
        RuleId = finding.RuleId,
        Kind = finding.Kind,
        Source = source,
        Path = finding.Path,
        Line = finding.Line,
        Column = finding.Column,
        Commit = Commit(finding),
        CommitTime = finding.CommitTime?.ToUniversalTime(),
        Layer = finding.Layer,
        Confidence = finding.Confidence,
        FirstReportedAt = now,
        LastReportedAt = now,
        ReportedBy = actor.Name,
    };

    /// <summary>The place is known; the latest scanner's verdict on it (rule, confidence) is kept.</summary>
    private static void Refresh(SecretSighting sighting, ReportedSecret finding, Actor actor, DateTimeOffset now)
    {
        sighting.RuleId = finding.RuleId;
        sighting.Kind = finding.Kind;
        sighting.Column = finding.Column;
        sighting.Confidence = finding.Confidence;
        sighting.CommitTime = finding.CommitTime?.ToUniversalTime() ?? sighting.CommitTime;
        sighting.LastReportedAt = now;
        sighting.ReportedBy = actor.Name;
        sighting.ResolvedAt = null;
    }

    /// <summary>The credentials, with identity and owner, whose fingerprint a reported secret has.</summary>
    private static async Task<IReadOnlyList<LinkedSecret>> LinkAsync(
        LanyardDbContext db, IEnumerable<string> fingerprints, CancellationToken cancellationToken)
    {
        var credentials = new List<Credential>();
        foreach (var batch in fingerprints.Distinct(StringComparer.Ordinal).Chunk(LookupBatch))
        {
            credentials.AddRange(await db.Credentials.AsNoTracking()
                .Where(c => c.Fingerprint != null && batch.Contains(c.Fingerprint))
                .ToListAsync(cancellationToken));
        }

        if (credentials.Count == 0)
        {
            return [];
        }

        var identityIds = credentials.Where(c => c.IdentityId is not null).Select(c => c.IdentityId!.Value).Distinct().ToList();
        var identities = await db.Identities.AsNoTracking()
            .Where(i => identityIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var owners = await db.Owners.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        return [.. credentials.GroupBy(c => c.Fingerprint!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => SecretLinks.Choose(g.ToList(), c => c.State, c => c.Environment, c => c.Name))
            .Select(c =>
            {
                var identity = c.IdentityId is { } id ? identities.GetValueOrDefault(id) : null;
                var ownerId = c.OwnerId ?? identity?.OwnerId;
                var owner = ownerId is { } o ? owners.GetValueOrDefault(o) : null;
                return new LinkedSecret(c.Fingerprint!, c.Id, c.Name, identity?.Name, c.Environment, owner);
            })];
    }

    /// <summary>Reported places, oldest first, filtered by source, fingerprint or rule.</summary>
    public async Task<Page<SecretSighting>> ListSightingsAsync(
        SightingQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = store.CreateContext();
        var sightings = db.SecretSightings.AsNoTracking();
        if (query.Source is { } source)
        {
            sightings = sightings.Where(s => s.Source == source);
        }

        if (query.Fingerprint is { } fingerprint)
        {
            sightings = sightings.Where(s => s.Fingerprint == fingerprint);
        }

        if (query.RuleId is { } ruleId)
        {
            sightings = sightings.Where(s => s.RuleId == ruleId);
        }

        if (Guid.TryParse(query.Cursor, out var after))
        {
            sightings = sightings.Where(s => s.Id.CompareTo(after) > 0);
        }

        var limit = ClampLimit(query.Limit);
        var items = await sightings.OrderBy(s => s.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return ToPage(items, limit, s => s.Id.ToString());
    }
}
