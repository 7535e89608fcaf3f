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
/// the master key, public halves published as JWKs. Environments never share a key.
/// </summary>
public sealed class SigningKeyStore(StoreFactory store, Sealer sealer, TimeProvider time) : IDisposable
{
    public const string Algorithm = "ES256";

    /// <summary>A retired key stays published this long, past the longest access token lifetime.</summary>
    public static readonly TimeSpan PublishAfterRetirement = TimeSpan.FromMinutes(IssuancePolicy.MaximumAccessTokenMinutes);

    private readonly ConcurrentDictionary<string, ActiveSigningKey> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<SigningKey>> _published = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The key that signs new tokens in <paramref name="environment"/>, created if it has none.</summary>
    public async Task<ActiveSigningKey> GetActiveAsync(string environment, CancellationToken cancellationToken = default)
    {
        if (_active.TryGetValue(environment, out var cached))
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_active.TryGetValue(environment, out cached))
            {
                return cached;
            }

            var row = await LoadNewestAsync(environment, cancellationToken) ?? await CreateAsync(environment, cancellationToken);
            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(sealer.Unseal(row.SealedPrivateKey, SealContext(row.Kid)), out _);
            var active = new ActiveSigningKey(row.Kid, environment, key);
            _active[environment] = active;
            _published.TryRemove(environment, out _);
            return active;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The keys a verifier must know for <paramref name="environment"/>: the signing key and retired
    /// keys whose tokens may still be alive. <paramref name="refresh"/> re-reads the database, for a
    /// <c>kid</c> that another replica may have created.
    /// </summary>
    public async Task<IReadOnlyList<SigningKey>> GetPublishedAsync(
        string environment, bool refresh = false, CancellationToken cancellationToken = default)
    {
        if (!refresh && _published.TryGetValue(environment, out var cached))
        {
            return cached;
        }

        var cutoff = time.GetUtcNow() - PublishAfterRetirement;
        await using var db = store.CreateContext();
        var keys = await db.SigningKeys.AsNoTracking()
            .Where(k => k.Environment == environment && (k.RetiredAt == null || k.RetiredAt > cutoff))
            .ToListAsync(cancellationToken);
        var ordered = keys.OrderByDescending(k => k.CreatedAt).ToList();
        _published[environment] = ordered;
        return ordered;
    }

    public void Dispose()
    {
        foreach (var active in _active.Values)
        {
            active.Key.Dispose();
        }

        _gate.Dispose();
    }

    private async Task<SigningKey?> LoadNewestAsync(string environment, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var keys = await db.SigningKeys.AsNoTracking()
            .Where(k => k.Environment == environment && k.RetiredAt == null)
            .ToListAsync(cancellationToken);
        return keys.OrderByDescending(k => k.CreatedAt).FirstOrDefault();
    }

    private async Task<SigningKey> CreateAsync(string environment, CancellationToken cancellationToken)
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
        };
        CryptographicOperations.ZeroMemory(pkcs8);

        var created = await AuditedWrite.RunAsync<SigningKey>(store, time, db =>
        {
            db.SigningKeys.Add(row);
            var audit = new AuditEntry(Actor.System, "signing-key.create", $"signing-key/{kid}")
            {
                Detail = new Dictionary<string, object?> { ["environment"] = environment, ["algorithm"] = Algorithm },
            };
            return Task.FromResult<Core.Result<(SigningKey, AuditEntry)>>((row, audit));
        }, cancellationToken);
        return created.Value!;
    }

    /// <summary>The RFC 7638 thumbprint: SHA-256 over the required members in lexical order, base64url.</summary>
    private static string Thumbprint(string x, string y) =>
        Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""")));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static string SealContext(string kid) => $"signing-key/{kid}";
}
