using System.Collections.Concurrent;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Issuance;

/// <summary>
/// Records the last successful use of issued credentials: when and from which address. Writes are
/// coalesced to at most one per credential per <see cref="Interval"/>, so a busy workload costs
/// the database one small update a minute, not one per request.
/// </summary>
public sealed class UsageRecorder(StoreFactory store, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // Requests arriving together in this process all see the same stale row; this map lets only
    // the first of them write. The conditional update below does the same across replicas.
    private readonly ConcurrentDictionary<CredentialId, DateTimeOffset> _lastWritten = new();

    /// <summary>Records a use of <paramref name="credential"/> as read during authentication.</summary>
    /// <returns>True when this use was written, false when it fell inside the coalescing interval.</returns>
    public async Task<bool> RecordAsync(Credential credential, string? address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var now = time.GetUtcNow();
        if (credential.LastUsedAt is { } stored && now - stored < Interval)
        {
            return false;
        }

        var claimed = _lastWritten.AddOrUpdate(credential.Id, now, (_, previous) => now - previous < Interval ? previous : now);
        if (claimed != now)
        {
            return false;
        }

        var cutoff = now - Interval;
        var from = address is { Length: > 64 } ? address[..64] : address;
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var written = await db.Credentials
            .Where(c => c.Id == credential.Id && (c.LastUsedAt == null || c.LastUsedAt <= cutoff))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, now).SetProperty(c => c.LastUsedFrom, from), cancellationToken);
        if (written == 0)
        {
            return false;
        }

        await AuditLog.AppendAsync(db, new AuditEntry(new Actor($"credential/{credential.Id}", Core.Access.Role.Workload),
            "credential.use", $"credential/{credential.Id}")
        {
            Detail = new Dictionary<string, object?> { ["kind"] = credential.Kind.ToString(), ["address"] = from },
        }, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
