using Lanyard.Core.Access;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Access;

/// <summary>Principals and their tokens: the bootstrap admin, authentication, last use.</summary>
public sealed partial class PrincipalService(StoreFactory store, TimeProvider time)
{
    public const string BootstrapAdminName = "bootstrap-admin";

    /// <summary>How long one authenticated use counts as the same session for the audit trail.</summary>
    public static readonly TimeSpan SessionGap = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Creates the bootstrap admin on first start. Returns the token when one was generated now,
    /// so the caller prints it once; null when the admin already exists or the token was preset.
    /// </summary>
    public async Task<string?> EnsureBootstrapAdminAsync(string? presetToken, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        if (await db.Principals.AnyAsync(p => p.Name == BootstrapAdminName, cancellationToken))
        {
            return null;
        }

        var token = string.IsNullOrEmpty(presetToken) ? AccessTokens.Generate() : presetToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var principal = new Principal
        {
            Name = BootstrapAdminName,
            Role = Role.Admin,
            TokenHash = AccessTokens.Hash(token),
            CreatedAt = time.GetUtcNow(),
        };
        db.Principals.Add(principal);
        await AuditLog.AppendAsync(db, new AuditEntry(Actor.System, "principal.create", $"principal/{principal.Id}")
        {
            Detail = new Dictionary<string, object?> { ["name"] = principal.Name, ["role"] = principal.Role.ToString() },
        }, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return string.IsNullOrEmpty(presetToken) ? token : null;
    }

    /// <summary>
    /// Finds the live principal a token belongs to, records its use, and audits a login when this
    /// use starts a new session.
    /// </summary>
    public async Task<Principal?> AuthenticateAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = AccessTokens.Hash(token);
        var now = time.GetUtcNow();
        await using var db = store.CreateContext();
        var principal = await db.Principals.SingleOrDefaultAsync(p => p.TokenHash == hash, cancellationToken);
        if (principal is null || principal.RevokedAt is not null || principal.ExpiresAt <= now)
        {
            return null;
        }

        var newSession = principal.LastUsedAt is null || now - principal.LastUsedAt > SessionGap;
        principal.LastUsedAt = now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (newSession)
        {
            await AuditLog.AppendAsync(db, new AuditEntry(new Actor(principal.Name, principal.Role), "auth.login",
                $"principal/{principal.Id}"), now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return principal;
    }
}
