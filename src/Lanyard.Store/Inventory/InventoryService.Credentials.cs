using System.Security.Cryptography;
using System.Text;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Inventory;

public sealed partial class InventoryService
{
    public async Task<Result<Page<Credential>>> ListCredentialsAsync(ListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = store.CreateContext();
        var credentials = db.Credentials.AsNoTracking();

        if (query.Environment is { } environment)
        {
            credentials = credentials.Where(c => c.Environment == environment);
        }

        if (query.Identity is { } identityId)
        {
            credentials = credentials.Where(c => c.IdentityId == identityId);
        }

        if (query.Owner is { } ownerName)
        {
            var owner = await FindOwnerAsync(db.Owners.AsNoTracking(), ownerName, cancellationToken);
            if (owner is null)
            {
                return Problem.NotFound("owner", ownerName);
            }

            var ownerId = owner.Id;
            credentials = credentials.Where(c => c.OwnerId == ownerId
                || db.Identities.Any(i => i.Id == c.IdentityId && i.OwnerId == ownerId));
        }

        if (query.Kind is { } kind)
        {
            credentials = credentials.Where(c => c.Kind == kind);
        }

        if (query.State is { } state)
        {
            credentials = credentials.Where(c => c.State == state);
        }

        if (query.Text is { Length: > 0 } text)
        {
            var lowered = text.ToLowerInvariant();
            credentials = credentials.Where(c => c.Name.ToLower().Contains(lowered));
        }

        if (CredentialId.TryParse(query.Cursor, out var after))
        {
            credentials = credentials.Where(c => c.Id > after);
        }

        var limit = ClampLimit(query.Limit);
        var items = await credentials.OrderBy(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return ToPage(items, limit, c => c.Id.ToString());
    }

    public async Task<Result<Credential>> GetCredentialAsync(CredentialId id, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var credential = await db.Credentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return credential is null ? Problem.NotFound("credential", id.ToString()) : credential;
    }

    public async Task<Result<Credential>> CreateCredentialAsync(
        CredentialDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Core.Policy.PolicyRefusal? refused = null;
        var created = await WriteAsync<Credential>(async db =>
        {
            var identity = await db.Identities.AsNoTracking().SingleOrDefaultAsync(i => i.Id == draft.Identity, cancellationToken);
            if (identity is null)
            {
                return Problem.NotFound("identity", draft.Identity.ToString());
            }

            if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > 512)
            {
                return Problem.Invalid("name", "A credential needs a name of at most 512 characters.");
            }

            if (draft.Secret is { Length: 0 })
            {
                return Problem.Invalid("secret", "The secret is empty; leave it out to register a credential without its value.");
            }

            var credential = new Credential
            {
                IdentityId = identity.Id,
                Environment = identity.Environment,
                Name = draft.Name,
                Kind = draft.Kind,
                Source = CredentialSource.Issued,
                ExpiresAt = draft.ExpiresAt,
                KeyAlgorithm = draft.KeyAlgorithm,
                KeySize = draft.KeySize,
                UsageTracked = true,
                CreatedAt = Now,
                UpdatedAt = Now,
            };

            if (draft.Secret is { } secret)
            {
                var bytes = Encoding.UTF8.GetBytes(secret);
                credential.Fingerprint = Convert.ToHexStringLower(SHA256.HashData(bytes));
                credential.SealedValue = sealer.Seal(bytes, SealContext(credential.Id));
                CryptographicOperations.ZeroMemory(bytes);
            }

            refused = await Policy.SecretIsolation.CheckAsync(
                db, identity.Environment, credential.Fingerprint, "secret", cancellationToken);
            if (refused is not null)
            {
                return refused.ToProblem();
            }

            db.Credentials.Add(credential);
            return (credential, CredentialAudit(actor, "credential.create", credential));
        }, cancellationToken);

        if (refused is not null)
        {
            await RecordAsync(Policy.Policies.Refused(actor, "credential.create", $"identity/{draft.Identity}",
                refused), cancellationToken);
        }

        return created;
    }

    public Task<Result<Credential>> UpdateCredentialAsync(
        CredentialId id, CredentialPatch patch, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return WriteAsync<Credential>(async db =>
        {
            var credential = await db.Credentials.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (credential is null)
            {
                return Problem.NotFound("credential", id.ToString());
            }

            if (credential.State == CredentialState.Revoked && patch.State is { } next && next != CredentialState.Revoked)
            {
                return Problem.Conflict("A revoked credential stays revoked; issue a new one instead.", "state");
            }

            if (PatchRefusal(credential, patch, Now) is { } refused)
            {
                return refused;
            }

            var before = (credential.State, credential.ExpiresAt, credential.LastUsedAt);
            credential.State = patch.State ?? credential.State;
            credential.ExpiresAt = patch.ExpiresAt ?? credential.ExpiresAt;
            credential.LastUsedAt = patch.LastUsedAt ?? credential.LastUsedAt;
            credential.UpdatedAt = Now;
            var audit = CredentialAudit(actor, "credential.update", credential);
            return (credential, audit with
            {
                Detail = new Dictionary<string, object?>(audit.Detail!)
                {
                    ["state"] = Change(before.State, credential.State),
                    ["expiresAt"] = Change(before.ExpiresAt, credential.ExpiresAt),
                    ["lastUsedAt"] = Change(before.LastUsedAt, credential.LastUsedAt),
                },
            });
        }, cancellationToken);
    }

    public Task<Result<bool>> DeleteCredentialAsync(CredentialId id, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async db =>
        {
            var credential = await db.Credentials.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (credential is null)
            {
                return Problem.NotFound("credential", id.ToString());
            }

            if (credential.GeneratedByLanyard
                && MustOutliveDeletion(credential.Kind, credential.State, credential.ExpiresAt, Now))
            {
                return Problem.Conflict(credential.State == CredentialState.Active
                    ? "Lanyard issued this credential and it still works: revoke it instead, which ends it everywhere and keeps its record."
                    : "This revoked certificate stays on its CA's revocation list, which is built from its record, until it expires"
                      + $" on {credential.ExpiresAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC; delete it after that.");
            }

            db.Credentials.Remove(credential);
            return (true, CredentialAudit(actor, "credential.delete", credential));
        }, cancellationToken);

    /// <summary>Opens a sealed secret for an authorized caller; the reveal itself is audited.</summary>
    public Task<Result<string>> RevealSecretAsync(CredentialId id, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync<string>(async db =>
        {
            var credential = await db.Credentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (credential is null)
            {
                return Problem.NotFound("credential", id.ToString());
            }

            if (credential.SealedValue is null)
            {
                return Problem.Conflict("This credential's value is not held by Lanyard; only its fingerprint is.");
            }

            var secret = Encoding.UTF8.GetString(sealer.Unseal(credential.SealedValue, SealContext(credential.Id)));
            return (secret, CredentialAudit(actor, "credential.reveal", credential));
        }, cancellationToken);

    /// <summary>
    /// What a hand edit may not change: the expiry of what Lanyard issued or of any certificate
    /// (the certificate itself says when it ends), the usage Lanyard records itself, and a
    /// last use in the future. Editing either would silence the expiring or stale findings.
    /// </summary>
    private static Problem? PatchRefusal(Credential credential, CredentialPatch patch, DateTimeOffset now)
    {
        // Revoking what Lanyard generated tells its owner and its CA's revocation list; expiry is the lifecycle worker's.
        if (patch.State is { } state && state != credential.State && credential.GeneratedByLanyard)
        {
            return Problem.Conflict(state == CredentialState.Revoked
                ? "Revoke a credential Lanyard issued with its revoke action, which tells its owner and its CA's revocation list."
                : "The state of a credential Lanyard issued follows its lifecycle: revoke it, or let it expire.", "state");
        }

        if (patch.ExpiresAt is { } expires && expires != credential.ExpiresAt
            && (credential.GeneratedByLanyard || credential.SerialNumber is not null))
        {
            return Problem.Conflict(credential.GeneratedByLanyard
                ? "Lanyard issued this credential with its expiry; rotate or reissue it for another one."
                : "A certificate's expiry is the one it carries; import or scan the renewed certificate instead.", "expiresAt");
        }

        if (patch.LastUsedAt is { } used && used != credential.LastUsedAt)
        {
            if (credential.GeneratedByLanyard)
            {
                return Problem.Conflict("Lanyard records the use of what it issued itself, at every authentication.", "lastUsedAt");
            }

            if (used > now + TimeSpan.FromMinutes(5))
            {
                return Problem.Invalid("lastUsedAt", "A last use can't lie in the future.");
            }
        }

        return null;
    }

    /// <summary>An audit detail of a changed value, <c>before -> after</c>; null when it did not change.</summary>
    private static string? Change<T>(T before, T after) =>
        EqualityComparer<T>.Default.Equals(before, after) ? null : $"{Format(before)} -> {Format(after)}";

    private static string Format<T>(T value) => value switch
    {
        null => "none",
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "none",
    };

    private static string SealContext(CredentialId id) => $"credential/{id}";

    private static AuditEntry CredentialAudit(Actor actor, string action, Credential credential) =>
        new(actor, action, $"credential/{credential.Id}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["environment"] = credential.Environment,
                ["kind"] = credential.Kind.ToString(),
                ["fingerprint"] = credential.Fingerprint,
            },
        };
}
