using Lanyard.Core.Access;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Access;

/// <summary>
/// Browser sessions of the dashboard. A session is a random reference handed to the browser in a
/// cookie; only its hash is stored, beside the principal it signs in. Every use checks that the
/// principal is still live, so a revoked or expired token ends its sessions at once.
/// </summary>
public sealed class DashboardSessions(StoreFactory store, TimeProvider time)
{
    /// <summary>A session ends this long after sign-in, however busy.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>A session unused this long ends.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>How stale <see cref="DashboardSession.LastSeenAt"/> may get before a request writes it.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Opens a session for <paramref name="principal"/> and returns the reference the browser keeps.</summary>
    public async Task<string> OpenAsync(Principal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var reference = AccessTokens.Generate()[AccessTokens.Prefix.Length..];
        var now = time.GetUtcNow();
        var expires = principal.ExpiresAt is { } tokenExpiry && tokenExpiry < now + Lifetime ? tokenExpiry : now + Lifetime;

        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DashboardSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        db.DashboardSessions.Add(new DashboardSession
        {
            ReferenceHash = AccessTokens.Hash(reference),
            PrincipalId = principal.Id,
            CreatedAt = now,
            ExpiresAt = expires,
            LastSeenAt = now,
        });
        await AuditLog.AppendAsync(db, new AuditEntry(new Actor(principal.Name, principal.Role), "dashboard.signin",
            $"principal/{principal.Id}"), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reference;
    }

    /// <summary>The live principal behind <paramref name="reference"/>, or null when the session is over.</summary>
    public async Task<Principal?> ResolveAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var hash = AccessTokens.Hash(reference);
        var now = time.GetUtcNow();
        await using var db = store.CreateContext();
        var session = await db.DashboardSessions.SingleOrDefaultAsync(s => s.ReferenceHash == hash, cancellationToken);
        if (session is null || session.ExpiresAt <= now || now - session.LastSeenAt > IdleTimeout)
        {
            return null;
        }

        var principal = await db.Principals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == session.PrincipalId, cancellationToken);
        if (principal is null || principal.RevokedAt is not null || principal.ExpiresAt <= now)
        {
            return null;
        }

        if (now - session.LastSeenAt > TouchInterval)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return principal;
    }

    /// <summary>Ends the session; the sign-out is audited when the session was live.</summary>
    public async Task CloseAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var hash = AccessTokens.Hash(reference);
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await db.DashboardSessions.SingleOrDefaultAsync(s => s.ReferenceHash == hash, cancellationToken);
        if (session is null)
        {
            return;
        }

        var principal = await db.Principals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == session.PrincipalId, cancellationToken);
        db.DashboardSessions.Remove(session);
        if (principal is not null)
        {
            await AuditLog.AppendAsync(db, new AuditEntry(new Actor(principal.Name, principal.Role), "dashboard.signout",
                $"principal/{principal.Id}"), time.GetUtcNow(), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
