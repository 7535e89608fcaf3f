using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Inventory;

public sealed partial class InventoryService
{
    public async Task<Result<Page<Identity>>> ListIdentitiesAsync(ListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = store.CreateContext();
        var identities = db.Identities.AsNoTracking();

        if (query.Environment is { } environment)
        {
            identities = identities.Where(i => i.Environment == environment);
        }

        if (query.Owner is { } ownerName)
        {
            var owner = await FindOwnerAsync(db.Owners.AsNoTracking(), ownerName, cancellationToken);
            if (owner is null)
            {
                return Problem.NotFound("owner", ownerName);
            }

            identities = identities.Where(i => i.OwnerId == owner.Id);
        }

        if (query.Text is { Length: > 0 } text)
        {
            var lowered = text.ToLowerInvariant();
            identities = identities.Where(i => i.Name.ToLower().Contains(lowered) || i.SpiffeId.ToLower().Contains(lowered));
        }

        if (IdentityId.TryParse(query.Cursor, out var after))
        {
            identities = identities.Where(i => i.Id > after);
        }

        var limit = ClampLimit(query.Limit);
        var items = await identities.OrderBy(i => i.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return ToPage(items, limit, i => i.Id.ToString());
    }

    public async Task<Result<Identity>> GetIdentityAsync(IdentityId id, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var identity = await db.Identities.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return identity is null ? Problem.NotFound("identity", id.ToString()) : identity;
    }

    public Task<Result<Identity>> CreateIdentityAsync(IdentityDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return WriteAsync<Identity>(async db =>
        {
            if (!InventoryNames.IsValidIdentity(draft.Name))
            {
                return Problem.Invalid("name",
                    "An identity name starts with a letter or digit and has at most 200 letters, "
                    + "digits and . _ : / -.");
            }

            var environment = await db.Environments.AsNoTracking()
                .SingleOrDefaultAsync(e => e.Name == draft.Environment, cancellationToken);
            if (environment is null)
            {
                return Problem.NotFound("environment", draft.Environment);
            }

            Owner? owner = null;
            if (draft.Owner is { } ownerName && (owner = await FindOwnerAsync(db.Owners, ownerName, cancellationToken)) is null)
            {
                return Problem.NotFound("owner", ownerName);
            }

            if (await db.Identities.AnyAsync(i => i.Environment == draft.Environment && i.Name == draft.Name, cancellationToken))
            {
                return Problem.Conflict($"Environment '{draft.Environment}' already has an identity named '{draft.Name}'.", "name");
            }

            var identity = new Identity
            {
                Name = draft.Name,
                Environment = environment.Name,
                OwnerId = owner?.Id,
                SpiffeId = $"spiffe://{environment.TrustDomain}{InventoryNames.SpiffePathFor(draft.Name)}",
                Labels = draft.Labels is null ? [] : new Dictionary<string, string>(draft.Labels),
                Source = CredentialSource.Issued,
                CreatedAt = Now,
                UpdatedAt = Now,
            };
            db.Identities.Add(identity);
            return (identity, IdentityAudit(actor, "identity.create", identity, owner?.Name));
        }, cancellationToken);
    }

    public Task<Result<Identity>> UpdateIdentityAsync(
        IdentityId id, IdentityPatch patch, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return WriteAsync<Identity>(async db =>
        {
            var identity = await db.Identities.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
            if (identity is null)
            {
                return Problem.NotFound("identity", id.ToString());
            }

            Owner? owner = null;
            if (patch.Owner is { } ownerName && (owner = await FindOwnerAsync(db.Owners, ownerName, cancellationToken)) is null)
            {
                return Problem.NotFound("owner", ownerName);
            }

            if (owner is not null || patch.ClearOwner)
            {
                identity.OwnerId = owner?.Id;
                identity.OwnerAssignedInLanyard = true;
            }

            if (patch.Labels is not null)
            {
                identity.Labels = new Dictionary<string, string>(patch.Labels);
            }

            identity.UpdatedAt = Now;
            return (identity, IdentityAudit(actor, "identity.update", identity, owner?.Name));
        }, cancellationToken);
    }

    public Task<Result<bool>> DeleteIdentityAsync(IdentityId id, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async db =>
        {
            var identity = await db.Identities.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
            if (identity is null)
            {
                return Problem.NotFound("identity", id.ToString());
            }

            var now = Now;
            var live = await db.Credentials.AsNoTracking()
                .Where(c => c.IdentityId == id && c.Source == CredentialSource.Issued && c.Origin == Credential.IssuedByLanyard)
                .Select(c => new { c.Kind, c.State, c.ExpiresAt })
                .ToListAsync(cancellationToken);
            var held = live.Where(c => MustOutliveDeletion(c.Kind, c.State, c.ExpiresAt, now)).ToList();
            if (held.Count > 0)
            {
                var active = held.Count(c => c.State == CredentialState.Active);
                var until = held.Max(c => c.ExpiresAt);
                return Problem.Conflict(
                    $"The identity still has {held.Count} credential(s) Lanyard issued that have not expired ({active} active): "
                    + "revoke the active ones first, and delete the identity once its revoked certificates have expired"
                    + (until is { } last ? $" (the last on {last.UtcDateTime:yyyy-MM-dd HH:mm} UTC)" : "")
                    + ", since they stay on their CA's revocation list until then.");
            }

            var ownerName = identity.OwnerId is { } ownerId
                ? await db.Owners.AsNoTracking().Where(o => o.Id == ownerId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken)
                : null;
            db.Identities.Remove(identity);
            return (true, IdentityAudit(actor, "identity.delete", identity, ownerName));
        }, cancellationToken);

    /// <summary>
    /// Whether an issued credential must stay in the inventory: while it is active (it still works,
    /// and only revoking ends it), and a revoked certificate until it expires (its revocation list
    /// is built from these records).
    /// </summary>
    internal static bool MustOutliveDeletion(CredentialKind kind, CredentialState state, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        state switch
        {
            CredentialState.Active => expiresAt is null || expiresAt > now,
            CredentialState.Revoked => kind == CredentialKind.Certificate && expiresAt is { } end && end > now,
            _ => false,
        };

    private static AuditEntry IdentityAudit(Actor actor, string action, Identity identity, string? ownerName) =>
        new(actor, action, $"identity/{identity.Id}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["environment"] = identity.Environment,
                ["name"] = identity.Name,
                ["owner"] = ownerName,
            },
        };
}
