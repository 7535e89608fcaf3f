using Lanyard.Store.Sealing;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store;

/// <summary>Lanyard's own secrets (CA and server keys), sealed under the master key.</summary>
public sealed class SystemSecretStore(StoreFactory store, Sealer sealer, TimeProvider time)
{
    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var secret = await db.SystemSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        return secret is null ? null : sealer.Unseal(secret.Sealed, $"system/{name}");
    }

    /// <summary>The secret as stored, still sealed: tells whether it changed since it was last read.</summary>
    public async Task<byte[]?> ReadSealedAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        return await db.SystemSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.Sealed)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Opens what <see cref="ReadSealedAsync"/> returned.</summary>
    public byte[] Unseal(string name, byte[] sealedValue) => sealer.Unseal(sealedValue, $"system/{name}");

    /// <summary>
    /// Replaces a secret only while it is still exactly <paramref name="expectedSealed"/>, inside the
    /// caller's transaction, so two replicas replacing it at once never both win. The sealed value
    /// written, or null when another change came first.
    /// </summary>
    internal async Task<byte[]?> TryReplaceAsync(
        LanyardDbContext db, string name, byte[] expectedSealed, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var sealedValue = sealer.Seal(value.Span, $"system/{name}");
        var now = time.GetUtcNow();
        var changed = await db.SystemSecrets.Where(s => s.Name == name && s.Sealed == expectedSealed)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Sealed, sealedValue).SetProperty(s => s.CreatedAt, now), cancellationToken);
        return changed == 1 ? sealedValue : null;
    }

    /// <summary>Stores or replaces a secret.</summary>
    public async Task WriteAsync(string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var existing = await db.SystemSecrets.SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        var sealedValue = sealer.Seal(value.Span, $"system/{name}");
        if (existing is null)
        {
            db.SystemSecrets.Add(new SealedSystemSecret { Name = name, Sealed = sealedValue, CreatedAt = time.GetUtcNow() });
        }
        else
        {
            existing.Sealed = sealedValue;
            existing.CreatedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Stores a secret only when none of that name exists, so two replicas that both create one
    /// agree on the first stored. True when this value was stored.
    /// </summary>
    public async Task<bool> TryCreateAsync(string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        db.SystemSecrets.Add(new SealedSystemSecret { Name = name, Sealed = sealer.Seal(value.Span, $"system/{name}"),
            CreatedAt = time.GetUtcNow() });
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
}
