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
/// and cached once opened. Environments share nothing, and none of it is the system CA.
/// </summary>
public sealed class EnvironmentCaStore(StoreFactory store, SystemSecretStore secrets, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, EnvironmentCa> _cas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JwtSvidKey> _jwtKeys = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The environment's CA, created now when it has none; not found for an unknown environment.</summary>
    /// <param name="environment">The environment's name.</param>
    /// <param name="crlBaseUrl">The public URL a new intermediate names for its root's CRL.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public async Task<Result<EnvironmentCa>> GetAsync(string environment, string crlBaseUrl, CancellationToken cancellationToken = default)
    {
        if (_cas.TryGetValue(environment, out var cached))
        {
            return cached;
        }

        var trustDomain = await TrustDomainAsync(environment, cancellationToken);
        if (trustDomain is null)
        {
            return Problem.NotFound("environment", environment);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cas.TryGetValue(environment, out cached))
            {
                return cached;
            }

            var name = $"env/{environment}/ca";
            var pem = await secrets.ReadAsync(name, cancellationToken);
            if (pem is null)
            {
                using var created = EnvironmentCa.Create(environment, trustDomain, crlBaseUrl, time.GetUtcNow());
                if (await secrets.TryCreateAsync(name, Encoding.UTF8.GetBytes(created.ExportPem()), cancellationToken))
                {
                    await RecordCreatedAsync(created, cancellationToken);
                }

                pem = await secrets.ReadAsync(name, cancellationToken)
                      ?? throw new InvalidOperationException($"The CA of environment {environment} vanished after it was stored.");
            }

            var ca = EnvironmentCa.ImportPem(environment, trustDomain, Encoding.UTF8.GetString(pem));
            CryptographicOperations.ZeroMemory(pem);
            _cas[environment] = ca;
            return ca;
        }
        finally
        {
            _gate.Release();
        }
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
        foreach (var ca in _cas.Values)
        {
            ca.Dispose();
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
