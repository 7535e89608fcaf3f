using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lanyard.Core.OAuth;
using Lanyard.Store.Audit;
using Lanyard.Store.Sealing;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Issuance;

/// <summary>An environment's current signing key, opened for signing.</summary>
public sealed record ActiveSigningKey(string Kid, string Environment, ECDsa Key);

/// <summary>
/// Each environment's ES256 token signing keys: created on first use, private halves sealed under
/// the master key, public halves published as JWKs. Environments never share a key. Keys roll
/// over on the environment's schedule: the next key is published <see cref="PublishAhead"/> before
/// it signs, and a retired key stays published until every token it signed has expired.
/// </summary>
public sealed class SigningKeyStore(StoreFactory store, Sealer sealer, TimeProvider time) : IDisposable
{
    public const string Algorithm = "ES256";

    /// <summary>A retired key stays published this long, past the longest access token lifetime.</summary>
    public static readonly TimeSpan PublishAfterRetirement = TimeSpan.FromMinutes(IssuancePolicy.MaximumAccessTokenMinutes);

    /// <summary>The next key is in the JWKS this long before it signs, so verifiers' caches know it.</summary>
    public static readonly TimeSpan PublishAhead = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a replica trusts what it read: another replica's rollover is published a day before
    /// use, so re-reading once a minute is far soon enough.
    /// </summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (ActiveSigningKey Key, DateTimeOffset Until)> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (IReadOnlyList<SigningKey> Keys, DateTimeOffset Until)> _published =
        new(StringComparer.Ordinal);
    private readonly List<ECDsa> _opened = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The key that signs new tokens in <paramref name="environment"/>, created if it has none.</summary>
    public async Task<ActiveSigningKey> GetActiveAsync(string environment, CancellationToken cancellationToken = default)
    {
        if (_active.TryGetValue(environment, out var cached) && cached.Until > time.GetUtcNow())
        {
            return cached.Key;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_active.TryGetValue(environment, out cached) && cached.Until > now)
            {
                return cached.Key;
            }

            var keys = await LoadAsync(environment, cancellationToken);
            var row = keys.Where(k => k.ActivatesAt <= now).MaxBy(k => k.ActivatesAt)
                ?? (await CreateAsync(environment, null, now, cancellationToken))!;
            var until = keys.Where(k => k.ActivatesAt > now).Select(k => k.ActivatesAt).Append(now + CacheFor).Min();
            var active = cached.Key is { } previous && previous.Kid == row.Kid ? previous : Open(row);
            _active[environment] = (active, until);
            _published.TryRemove(environment, out _);
            return active;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The keys a verifier must know for <paramref name="environment"/>: the signing key, the next
    /// one, and retired keys whose tokens may still be alive. <paramref name="refresh"/> re-reads
    /// the database, for a <c>kid</c> that another replica may have created.
    /// </summary>
    public async Task<IReadOnlyList<SigningKey>> GetPublishedAsync(
        string environment, bool refresh = false, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (!refresh && _published.TryGetValue(environment, out var cached) && cached.Until > now)
        {
            return cached.Keys;
        }

        var cutoff = now - PublishAfterRetirement;
        var keys = await LoadAsync(environment, cancellationToken);
        var published = keys.Where(k => k.RetiredAt is null || k.RetiredAt > cutoff).OrderByDescending(k => k.ActivatesAt).ToList();
        _published[environment] = (published, now + CacheFor);
        return published;
    }

    /// <summary>
    /// Creates the next key of every environment whose signing key is within
    /// <see cref="PublishAhead"/> of the end of its period. Returns how many were created.
    /// </summary>
    public async Task<int> ScheduleRolloversAsync(CancellationToken cancellationToken = default)
    {
        List<(SigningKey Current, int Days)> due;
        var now = time.GetUtcNow();
        await using (var db = store.CreateContext())
        {
            var periods = await db.Environments.AsNoTracking().ToDictionaryAsync(e => e.Name,
                e => e.SigningKeyRotationDays, cancellationToken);
            var keys = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
            due = keys.GroupBy(k => k.Environment)
                .Select(g => (Current: g.MaxBy(k => k.ActivatesAt)!, Days: periods.GetValueOrDefault(g.Key, 0)))
                .Where(d => d.Days > 0 && d.Current.ActivatesAt + TimeSpan.FromDays(d.Days) - PublishAhead <= now)
                .ToList();
        }

        var created = 0;
        foreach (var (current, days) in due)
        {
            var activatesAt = current.ActivatesAt + TimeSpan.FromDays(days);
            created += await CreateAsync(current.Environment, current.Kid,
                activatesAt < now + PublishAhead ? now + PublishAhead : activatesAt,
                cancellationToken) is not null ? 1 : 0;
        }

        return created;
    }

    public void Dispose()
    {
        foreach (var key in _opened)
        {
            key.Dispose();
        }

        _gate.Dispose();
    }

    private ActiveSigningKey Open(SigningKey row)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(sealer.Unseal(row.SealedPrivateKey, SealContext(row.Kid)), out _);
        lock (_opened)
        {
            _opened.Add(key);
        }

        return new ActiveSigningKey(row.Kid, row.Environment, key);
    }

    private async Task<List<SigningKey>> LoadAsync(string environment, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        return await db.SigningKeys.AsNoTracking().Where(k => k.Environment == environment).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Creates a key that signs from <paramref name="activatesAt"/>. A successor of
    /// <paramref name="predecessorKid"/> is created only while that key is claimed and has none yet,
    /// and sets its retirement; null when another replica already did it.
    /// </summary>
    private async Task<SigningKey?> CreateAsync(
        string environment, string? predecessorKid, DateTimeOffset activatesAt, CancellationToken cancellationToken)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        var x = Base64Url(point.X!);
        var y = Base64Url(point.Y!);
        var kid = Thumbprint(x, y);
        var pkcs8 = key.ExportPkcs8PrivateKey();

        var row = new SigningKey
        {
            Kid = kid,
            Environment = environment,
            Algorithm = Algorithm,
            PublicJwk = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["kty"] = "EC", ["crv"] = "P-256", ["x"] = x, ["y"] = y, ["kid"] = kid, ["use"] = "sig", ["alg"] = Algorithm,
            }),
            SealedPrivateKey = sealer.Seal(pkcs8, SealContext(kid)),
            CreatedAt = time.GetUtcNow(),
            ActivatesAt = activatesAt,
            PrecededByKid = predecessorKid,
        };
        CryptographicOperations.ZeroMemory(pkcs8);

        try
        {
            var created = await AuditedWrite.RunAsync<SigningKey?>(store, time, async db =>
            {
                if (predecessorKid is not null)
                {
                    var predecessor = await Lifecycle.RowClaims.SigningKeyAsync(db, predecessorKid, cancellationToken);
                    if (predecessor is null || await db.SigningKeys.AnyAsync(k => k.PrecededByKid == predecessorKid, cancellationToken))
                    {
                        return Core.Problem.Conflict("rolled over by another replica");
                    }

                    predecessor.RetiredAt = activatesAt;
                }

                db.SigningKeys.Add(row);
                var audit = new AuditEntry(Actor.System, predecessorKid is null ? "signing-key.create" : "signing-key.schedule",
                    $"signing-key/{kid}")
                {
                    Detail = new Dictionary<string, object?>
                    {
                        ["environment"] = environment, ["algorithm"] = Algorithm,
                        ["activatesAt"] = activatesAt, ["predecessor"] = predecessorKid,
                    },
                };
                return ((SigningKey?)row, audit);
            }, cancellationToken);
            return created.Value;
        }
        catch (DbUpdateException) when (predecessorKid is not null)
        {
            return null;
        }
    }
    /// <summary>The RFC 7638 thumbprint: SHA-256 over the required members in lexical order, base64url.</summary>
    private static string Thumbprint(string x, string y) =>
        Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""")));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static string SealContext(string kid) => $"signing-key/{kid}";
}
