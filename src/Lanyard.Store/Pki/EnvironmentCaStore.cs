using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Lanyard.Core;
using Lanyard.Pki;
using Lanyard.Pki.Spiffe;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Pki;

/// <summary>
/// Each environment's CA hierarchy and JWT-SVID key: created on first use, sealed at rest under
/// the master key as system secrets of their own (<c>env/{name}/ca</c>, <c>env/{name}/jwt-svid</c>),
/// and cached once opened. Environments share nothing, and none of it is the system CA. An
/// operator may import a root or intermediate in place of the generated one, and the issuing
/// intermediate is renewed before it expires (<c>EnvironmentCaStore.Changes.cs</c>).
/// </summary>
public sealed partial class EnvironmentCaStore(StoreFactory store, SystemSecretStore secrets, TimeProvider time) : IDisposable
{
    /// <summary>
    /// How often a cached CA is compared with the stored one, so a renewal or import made on
    /// another replica is picked up; a change made here replaces the cached CA at once.
    /// </summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, CachedCa> _cas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JwtSvidKey> _jwtKeys = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    private sealed record CachedCa(EnvironmentCa Ca, byte[] Sealed, DateTimeOffset CheckedAt);

    /// <summary>The environment's CA, created now when it has none; not found for an unknown environment.</summary>
    /// <param name="environment">The environment's name.</param>
    /// <param name="crlBaseUrl">The public URL a new intermediate names for its root's CRL.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public async Task<Result<EnvironmentCa>> GetAsync(string environment, string crlBaseUrl, CancellationToken cancellationToken = default)
    {
        if (_cas.TryGetValue(environment, out var cached) && time.GetUtcNow() - cached.CheckedAt < RecheckInterval)
        {
            return cached.Ca;
        }

        var trustDomain = await TrustDomainAsync(environment, cancellationToken);
        if (trustDomain is null)
        {
            return Problem.NotFound("environment", environment);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await LoadAsync(environment, trustDomain, crlBaseUrl, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Names of the environments whose CA exists.</summary>
    public async Task<IReadOnlyList<string>> EnvironmentsWithCaAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var names = await db.SystemSecrets.AsNoTracking().Where(s => s.Name.StartsWith("env/") && s.Name.EndsWith("/ca"))
            .Select(s => s.Name).ToListAsync(cancellationToken);
        return names.Select(n => n["env/".Length..^"/ca".Length]).Order(StringComparer.Ordinal).ToList();
    }

    private static string SecretName(string environment) => $"env/{environment}/ca";

    /// <summary>Loads (or creates) the stored CA, reusing the cached one while the stored form is unchanged.</summary>
    private async Task<EnvironmentCa> LoadAsync(string environment, string trustDomain, string crlBaseUrl,
        CancellationToken cancellationToken)
    {
        var name = SecretName(environment);
        var sealedValue = await secrets.ReadSealedAsync(name, cancellationToken);
        if (sealedValue is null)
        {
            using var created = EnvironmentCa.Create(environment, trustDomain, crlBaseUrl, time.GetUtcNow());
            if (await secrets.TryCreateAsync(name, Encoding.UTF8.GetBytes(created.Serialize()), cancellationToken))
            {
                await RecordCreatedAsync(created, cancellationToken);
            }

            sealedValue = await secrets.ReadSealedAsync(name, cancellationToken)
                          ?? throw new InvalidOperationException($"The CA of environment {environment} vanished after it was stored.");
        }

        if (_cas.TryGetValue(environment, out var cached) && cached.Sealed.AsSpan().SequenceEqual(sealedValue))
        {
            _cas[environment] = cached with { CheckedAt = time.GetUtcNow() };
            return cached.Ca;
        }

        var plain = secrets.Unseal(name, sealedValue);
        var ca = EnvironmentCa.Deserialize(environment, trustDomain, Encoding.UTF8.GetString(plain));
        CryptographicOperations.ZeroMemory(plain);

        // A replaced CA is not disposed: an issuance that read it a moment ago may still be signing with it.
        _cas[environment] = new CachedCa(ca, sealedValue, time.GetUtcNow());
        return ca;
    }

    /// <summary>The trust domain's JWT-SVID signing key, created on first use.</summary>
    public async Task<JwtSvidKey> GetJwtKeyAsync(string environment, CancellationToken cancellationToken = default)
    {
        if (_jwtKeys.TryGetValue(environment, out var cached))
        {
            return cached;
        }

        var name = $"env/{environment}/jwt-svid";
        var pkcs8 = await secrets.ReadAsync(name, cancellationToken);
        if (pkcs8 is null)
        {
            using var created = JwtSvidKey.Create();
            var bytes = created.ExportPkcs8();
            await secrets.TryCreateAsync(name, bytes, cancellationToken);
            CryptographicOperations.ZeroMemory(bytes);
            pkcs8 = await secrets.ReadAsync(name, cancellationToken)
                    ?? throw new InvalidOperationException($"The JWT-SVID key of environment {environment} vanished after it was stored.");
        }

        var key = JwtSvidKey.Import(pkcs8);
        CryptographicOperations.ZeroMemory(pkcs8);
        if (_jwtKeys.TryAdd(environment, key))
        {
            return key;
        }

        key.Dispose();
        return _jwtKeys[environment];
    }

    /// <summary>When the environment's trust material was last created, as the bundle's sequence number.</summary>
    public async Task<long> BundleSequenceAsync(string environment, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var prefix = $"env/{environment}/";
        var created = await db.SystemSecrets.AsNoTracking().Where(s => s.Name.StartsWith(prefix)).Select(s => s.CreatedAt)
            .ToListAsync(cancellationToken);
        return created.Count == 0 ? 0 : created.Max().ToUnixTimeSeconds();
    }

    public void Dispose()
    {
        foreach (var cached in _cas.Values)
        {
            cached.Ca.Dispose();
        }

        foreach (var key in _jwtKeys.Values)
        {
            key.Dispose();
        }

        _gate.Dispose();
    }

    private async Task<string?> TrustDomainAsync(string environment, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        return await db.Environments.AsNoTracking().Where(e => e.Name == environment).Select(e => e.TrustDomain)
            .SingleOrDefaultAsync(cancellationToken);
    }

    private Task RecordCreatedAsync(EnvironmentCa ca, CancellationToken cancellationToken) =>
        AuditedWrite.RecordAsync(store, time, new AuditEntry(Actor.System, "ca.create", $"environment/{ca.Environment}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["trustDomain"] = ca.TrustDomain,
                ["root"] = KeyFacts.Of(ca.Root.PublicKey).Fingerprint,
                ["intermediate"] = KeyFacts.Of(ca.Intermediate.PublicKey).Fingerprint,
                ["notAfter"] = new DateTimeOffset(ca.Intermediate.NotAfter),
            },
        }, cancellationToken);
}
