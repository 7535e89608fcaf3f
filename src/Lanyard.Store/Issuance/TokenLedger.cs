using Lanyard.Core.OAuth;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Issuance;

/// <summary>
/// What must be remembered about short-lived tokens: access tokens revoked before they expire, and
/// client assertions already spent. Rows are dropped once the token they name has expired.
/// </summary>
public sealed class TokenLedger(StoreFactory store, TimeProvider time)
{
    /// <summary>Revokes an access token; revoking one twice is not an error (RFC 7009 section 2.2).</summary>
    public async Task RevokeAsync(RevokedToken token, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(actor);
        await AuditedWrite.RunAsync<bool>(store, time, async db =>
        {
            var known = await db.RevokedTokens.AnyAsync(t => t.Jti == token.Jti, cancellationToken);
            if (!known)
            {
                db.RevokedTokens.Add(token);
            }

            var audit = new AuditEntry(actor, "oauth.revoke", $"token/{token.Jti}")
            {
                Detail = new Dictionary<string, object?>
                {
                    ["environment"] = token.Environment, ["clientId"] = token.ClientId, ["alreadyRevoked"] = known,
                },
            };
            return (!known, audit);
        }, cancellationToken);
    }

    public async Task<bool> IsRevokedAsync(string jti, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        return await db.RevokedTokens.AsNoTracking().AnyAsync(t => t.Jti == jti, cancellationToken);
    }

    /// <summary>
    /// Spends a client assertion's <c>jti</c>. False when it was spent before: the assertion is a replay.
    /// </summary>
    public async Task<bool> TrySpendAssertionAsync(
        string clientId, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = store.CreateContext();
        await db.UsedClientAssertions.Where(a => a.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        db.UsedClientAssertions.Add(new UsedClientAssertion { ClientId = clientId, Jti = jti, ExpiresAt = expiresAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>Drops what no longer needs remembering: revocations of tokens that have expired anyway.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = store.CreateContext();
        return await db.RevokedTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }
}
