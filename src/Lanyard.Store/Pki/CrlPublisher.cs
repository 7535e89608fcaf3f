using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Pki;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Pki;

/// <summary>
/// Each environment's CRLs, built from the inventory: an issuing CA's lists every revoked
/// certificate it signed that has not yet expired. Retired intermediates keep publishing theirs
/// while they are kept. A CRL is signed again as soon as the set of
/// revoked serials changes (on any replica) and when half its validity has passed, so relying
/// parties never hold an expired one.
/// </summary>
public sealed class CrlPublisher(StoreFactory store, EnvironmentCaStore cas, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SignedCrl> _issued = new(StringComparer.Ordinal);

    private sealed record SignedCrl(byte[] Der, DateTimeOffset ThisUpdate, string State);

    /// <summary>The DER CRL of one issuing CA of the environment: the current one when <paramref name="issuerId"/> is null.</summary>
    public async Task<Result<byte[]>> IssuingCrlAsync(
        string environment, string baseUrl, string? issuerId = null, CancellationToken cancellationToken = default)
    {
        var ca = await cas.GetAsync(environment, baseUrl, cancellationToken);
        if (!ca.Succeeded)
        {
            return ca.Problem!;
        }

        var issuer = ca.Value!.IssuerById(issuerId ?? ca.Value.IssuerId);
        if (issuer is null)
        {
            return Problem.NotFound("issuing CA", $"{environment}/{issuerId}");
        }

        var now = time.GetUtcNow();
        var revoked = await RevokedAsync(environment, issuer.Subject, now, cancellationToken);
        return Current($"{environment}/{EnvironmentCa.IdOf(issuer)}", issuer, revoked, now);
    }

    /// <summary>The DER CRL of the environment's root, which signs only its intermediate.</summary>
    public async Task<Result<byte[]>> RootCrlAsync(string environment, string baseUrl, CancellationToken cancellationToken = default)
    {
        var ca = await cas.GetAsync(environment, baseUrl, cancellationToken);
        if (!ca.Succeeded)
        {
            return ca.Problem!;
        }

        return ca.Value!.HoldsRootKey
            ? Current(environment + "/root", ca.Value!.Root, [], time.GetUtcNow())
            : Problem.NotFound("root CRL", $"{environment}: the root's key is held outside Lanyard, which publishes its CRL");
    }

    private byte[] Current(string key, System.Security.Cryptography.X509Certificates.X509Certificate2 issuer,
        IReadOnlyList<RevokedCertificate> revoked, DateTimeOffset now)
    {
        var state = Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(
            issuer.Thumbprint + ";" + string.Join(',', revoked.Select(r => r.SerialHex)))));
        if (_issued.TryGetValue(key, out var cached) && cached.State == state && now < cached.ThisUpdate + CaProfile.CrlLifetime / 2
            && now >= cached.ThisUpdate)
        {
            return cached.Der;
        }

        var der = RevocationLists.Build(issuer, revoked, RevocationLists.NumberFor(now), now);
        _issued[key] = new SignedCrl(der, now, state);
        return der;
    }

    private async Task<IReadOnlyList<RevokedCertificate>> RevokedAsync(
        string environment, string issuer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var rows = await db.Credentials.AsNoTracking()
            .Where(c => c.Environment == environment && c.Kind == CredentialKind.Certificate && c.Source == CredentialSource.Issued
                        && c.State == CredentialState.Revoked && c.SerialNumber != null && c.Issuer == issuer)
            .Select(c => new { c.SerialNumber, c.UpdatedAt, c.ExpiresAt })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.ExpiresAt is null || r.ExpiresAt > now)
            .OrderBy(r => r.SerialNumber, StringComparer.Ordinal)
            .Select(r => new RevokedCertificate(r.SerialNumber!, r.UpdatedAt))
            .ToList();
    }
}
