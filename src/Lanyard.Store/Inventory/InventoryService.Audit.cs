using Lanyard.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Inventory;

public sealed partial class InventoryService
{
    /// <summary>Audit events after <paramref name="afterSequence"/>, oldest first, with optional filters.</summary>
    public async Task<Page<AuditEvent>> ListAuditAsync(
        long afterSequence, int limit, string? action = null, string? actor = null, string? target = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var after = db.AuditEvents.AsNoTracking().Where(a => a.Sequence > afterSequence);
        var events = FilterAudit(after, action, actor, target);
        var clamped = ClampLimit(limit);
        var items = await events.OrderBy(a => a.Sequence).Take(clamped + 1).ToListAsync(cancellationToken);
        return ToPage(items, clamped, a => a.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Events whose action starts with <paramref name="action"/>, by that actor, on that target;
    /// a null filter matches every event.
    /// </summary>
    private static IQueryable<AuditEvent> FilterAudit(
        IQueryable<AuditEvent> events, string? action, string? actor, string? target)
    {
        if (action is not null)
        {
            events = events.Where(a => a.Action.StartsWith(action));
        }

        if (actor is not null)
        {
            events = events.Where(a => a.Actor == actor);
        }

        return target is null ? events : events.Where(a => a.Target == target);
    }

    /// <summary>
    /// Walks the whole chain in order and checks it against the head row, so a removed last event
    /// is caught as well as a changed, removed or reordered one in the middle.
    /// </summary>
    public async Task<AuditVerification> VerifyAuditAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == AuditHead.SingletonId, cancellationToken);

        var verifier = new AuditChainVerifier();
        await foreach (var auditEvent in db.AuditEvents.AsNoTracking().OrderBy(a => a.Sequence)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (verifier.Add(auditEvent) is { } broken)
            {
                return new AuditVerification(verifier.Count, broken);
            }
        }

        if (verifier.LastSequence != head.LastSequence || verifier.LastHash != head.LastHash)
        {
            var missing = new AuditChainBreak(verifier.LastSequence + 1,
                $"the chain ends at event {verifier.LastSequence} but {head.LastSequence} events were written: the last were removed");
            return new AuditVerification(verifier.Count, missing);
        }

        return new AuditVerification(verifier.Count, null);
    }
}
