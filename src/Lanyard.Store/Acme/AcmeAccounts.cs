using System.Security.Cryptography;
using Lanyard.Acme;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Lanyard.Store.Issuance;
using Lanyard.Store.Sealing;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Acme;

/// <summary>
/// ACME accounts and the External Account Binding keys that create them. An EAB key is made by an
/// admin for one identity and binds exactly one account, which from then on orders certificates
/// for that identity. Every change is audited with the change.
/// </summary>
public sealed class AcmeAccounts(StoreFactory store, Sealer sealer, TimeProvider time)
{
    /// <summary>How long an unused EAB key can still bind an account.</summary>
    public static readonly TimeSpan EabKeyLifetime = TimeSpan.FromDays(30);

    /// <summary>Creates an EAB key for the identity; the HMAC key is returned once and stored sealed.</summary>
    public Task<Result<NewEabKey>> CreateEabKeyAsync(IdentityId identityId, Actor actor, CancellationToken cancellationToken = default) =>
        AuditedWrite.RunAsync<NewEabKey>(store, time, async db =>
        {
            var identity = await CredentialIssuer.FindIssuableIdentityAsync(db, identityId, cancellationToken);
            if (!identity.Succeeded)
            {
                return identity.Problem!;
            }

            var now = time.GetUtcNow();
            var kid = "eab_" + AcmeIds.New();
            var hmac = NewHmacKey();
            var key = new AcmeEabKey
            {
                Kid = kid,
                Environment = identity.Value!.Environment,
                IdentityId = identityId,
                SealedHmacKey = sealer.Seal(hmac, SealContext(kid)),
                CreatedAt = now,
                ExpiresAt = now + EabKeyLifetime,
            };
            db.AcmeEabKeys.Add(key);
            var audit = new AuditEntry(actor, "acme.eab.create", $"identity/{identityId}")
            {
                Detail = new Dictionary<string, object?> { ["kid"] = kid, ["environment"] = key.Environment,
                    ["expiresAt"] = key.ExpiresAt },
            };
            return (new NewEabKey(kid, Base64Url.Encode(hmac), key.Environment, identityId, key.ExpiresAt), audit);
        }, cancellationToken);

    public async Task<AcmeAccount?> FindAsync(string environment, string id, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        return await db.AcmeAccounts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == id && a.Environment == environment, cancellationToken);
    }

    public async Task<AcmeAccount?> FindByKeyAsync(string environment, string thumbprint, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        return await db.AcmeAccounts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.KeyThumbprint == thumbprint && a.Environment == environment, cancellationToken);
    }

    /// <summary>
    /// Creates an account for <paramref name="key"/> bound by <paramref name="binding"/>: the EAB key
    /// must exist in this environment, be unused and unexpired, and its MAC must verify.
    /// </summary>
    public async Task<AcmeAccount> RegisterAsync(
        string environment, AccountKey key, IReadOnlyList<string> contacts, ExternalAccountBinding binding,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(binding);
        var created = await AuditedWrite.RunAsync<AcmeAccount>(store, time, async db =>
        {
            var eab = await db.AcmeEabKeys.SingleOrDefaultAsync(k => k.Kid == binding.Kid, cancellationToken);
            var now = time.GetUtcNow();
            if (eab is null || eab.Environment != environment || !binding.Verify(Unseal(eab)))
            {
                return new Problem(ProblemKind.Forbidden,
                    "The external account binding does not verify: no such EAB key in this environment, "
                    + "or a wrong MAC.");
            }

            if (eab.AccountId is not null || eab.ExpiresAt <= now)
            {
                return new Problem(ProblemKind.Forbidden, eab.AccountId is not null
                    ? "This EAB key has already bound an account; create a new one with `lanyard acme eab create`."
                    : "This EAB key has expired unused; create a new one with `lanyard acme eab create`.");
            }

            var account = new AcmeAccount
            {
                Id = AcmeIds.New(),
                Environment = environment,
                IdentityId = eab.IdentityId,
                KeyThumbprint = key.Thumbprint,
                KeyJson = key.CanonicalJson,
                Contacts = [.. contacts],
                EabKid = eab.Kid,
                CreatedAt = now,
            };
            eab.AccountId = account.Id;
            db.AcmeAccounts.Add(account);
            return (account, AccountAudit(account, "acme.account.create"));
        }, cancellationToken);
        return created.Succeeded ? created.Value! : throw new AcmeProblemException(AcmeProblem.Unauthorized(created.Problem!.Detail));
    }

    /// <summary>Replaces the contacts, or deactivates the account for good.</summary>
    public async Task<AcmeAccount> UpdateAsync(
        AcmeAccount account, IReadOnlyList<string>? contacts, bool deactivate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var updated = await AuditedWrite.RunAsync<AcmeAccount>(store, time, async db =>
        {
            var stored = await db.AcmeAccounts.SingleAsync(a => a.Id == account.Id, cancellationToken);
            stored.Contacts = contacts is null ? stored.Contacts : [.. contacts];
            stored.Status = deactivate ? AcmeStatus.Deactivated : stored.Status;
            return (stored, AccountAudit(stored, deactivate ? "acme.account.deactivate" : "acme.account.update"));
        }, cancellationToken);
        return updated.Value!;
    }

    /// <summary>Rolls the account over to a new key (RFC 8555 section 7.3.5); a key another account holds is a conflict.</summary>
    public async Task<AcmeAccount> ChangeKeyAsync(AcmeAccount account, AccountKey newKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(newKey);
        var changed = await AuditedWrite.RunAsync<AcmeAccount>(store, time, async db =>
        {
            if (await db.AcmeAccounts.AnyAsync(a => a.Environment == account.Environment
                && a.KeyThumbprint == newKey.Thumbprint, cancellationToken))
            {
                return Problem.Conflict("The new key already belongs to an account.");
            }

            var stored = await db.AcmeAccounts.SingleAsync(a => a.Id == account.Id, cancellationToken);
            var previous = stored.KeyThumbprint;
            stored.KeyThumbprint = newKey.Thumbprint;
            stored.KeyJson = newKey.CanonicalJson;
            var audit = AccountAudit(stored, "acme.account.key-change");
            return (stored, audit with { Detail = new Dictionary<string, object?>(audit.Detail!) { ["previousKey"] = previous } });
        }, cancellationToken);
        return changed.Succeeded
            ? changed.Value!
            : throw new AcmeProblemException(new AcmeProblem(AcmeProblem.Namespace + "malformed", changed.Problem!.Detail, 409));
    }

    /// <summary>
    /// 256 random bits whose base64url does not start with '-': command-line parsers (certbot's
    /// among them) read such a value after <c>--eab-hmac-key</c> as another option.
    /// </summary>
    private static byte[] NewHmacKey()
    {
        while (true)
        {
            var key = RandomNumberGenerator.GetBytes(32);
            if (!Base64Url.Encode(key).StartsWith('-'))
            {
                return key;
            }
        }
    }

    /// <summary>Who acts, in the audit trail, when an ACME account does something.</summary>
    public static Actor ActorOf(AcmeAccount account) => new($"acme-account/{account?.Id}", null);

    private byte[] Unseal(AcmeEabKey key) => sealer.Unseal(key.SealedHmacKey, SealContext(key.Kid));

    private static string SealContext(string kid) => $"acme-eab:{kid}";

    private static AuditEntry AccountAudit(AcmeAccount account, string action) =>
        new(ActorOf(account), action, $"acme-account/{account.Id}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["environment"] = account.Environment,
                ["identity"] = account.IdentityId.ToString(),
                ["key"] = account.KeyThumbprint,
                ["eabKid"] = account.EabKid,
                ["status"] = account.Status.ToString().ToLowerInvariant(),
            },
        };
}
