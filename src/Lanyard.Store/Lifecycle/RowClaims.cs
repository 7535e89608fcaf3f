using Lanyard.Core.Inventory;
using Lanyard.Core.OAuth;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Lifecycle;

/// <summary>
/// Claims one row of due work inside the caller's transaction, so that no two workers act on it.
/// On PostgreSQL the row is locked with <c>FOR UPDATE</c>; with <c>SKIP LOCKED</c> a row another
/// replica holds is passed over instead of waited for. On SQLite every write transaction begins
/// with <c>BEGIN IMMEDIATE</c> and so holds the database's single write lock for its whole life:
/// the row read inside it cannot change until it commits, and a second worker reads it only after.
/// </summary>
internal static class RowClaims
{
    /// <summary>The credential, locked; null when it does not exist or another worker holds it.</summary>
    public static async Task<Credential?> CredentialAsync(
        LanyardDbContext db, CredentialId id, bool skipLocked, CancellationToken cancellationToken)
    {
        if (db.Dialect != StoreDialect.Postgres)
        {
            return await db.Credentials.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        }

        var rows = skipLocked
            ? await db.Credentials
                .FromSql($"""SELECT * FROM credentials WHERE "Id" = {id.Value} FOR UPDATE SKIP LOCKED""")
                .ToListAsync(cancellationToken)
            : await db.Credentials
                .FromSql($"""SELECT * FROM credentials WHERE "Id" = {id.Value} FOR UPDATE""")
                .ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>The signing key, locked; null when another worker holds it.</summary>
    public static async Task<SigningKey?> SigningKeyAsync(LanyardDbContext db, string kid, CancellationToken cancellationToken)
    {
        if (db.Dialect != StoreDialect.Postgres)
        {
            return await db.SigningKeys.SingleOrDefaultAsync(k => k.Kid == kid, cancellationToken);
        }

        var rows = await db.SigningKeys
            .FromSql($"""SELECT * FROM signing_keys WHERE "Kid" = {kid} FOR UPDATE SKIP LOCKED""")
            .ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }
}
