using System.Text.RegularExpressions;
using Lanyard.Core;
using Lanyard.Core.Access;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Access;

/// <summary>Creating, listing and revoking the tokens of people and automation.</summary>
public sealed partial class PrincipalService
{
    /// <summary>How long a token lives when its creator names no lifetime.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);

    /// <summary>The longest a token may live: long-lived tokens are what leaks.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    /// <summary>A principal made just now, with its token, which is answered this once.</summary>
    public sealed record CreatedPrincipal(Principal Principal, string Token);

    public async Task<Result<CreatedPrincipal>> CreateAsync(PrincipalDraft draft, Actor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        if (CheckShape(draft) is { } invalid)
        {
            return invalid;
        }

        await using var db = store.CreateContext();
        var environments = draft.Environments.Distinct(StringComparer.Ordinal).ToList();
        foreach (var environment in environments)
        {
            if (!await db.Environments.AnyAsync(e => e.Name == environment, cancellationToken))
            {
                return Problem.NotFound("environment", environment) with { Field = "environments" };
            }
        }

        var teams = new List<Guid>();
        foreach (var team in draft.Teams.Distinct(StringComparer.Ordinal))
        {
            var owner = OwnerId.TryParse(team, out var id)
                ? await db.Owners.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
                : await db.Owners.AsNoTracking().SingleOrDefaultAsync(o => o.Name == team, cancellationToken);
            if (owner is null)
            {
                return Problem.NotFound("owner", team) with { Field = "teams" };
            }

            teams.Add(owner.Id.Value);
        }

        IdentityId? identityId = null;
        if (draft.Identity is { } identityGuid)
        {
            var identity = await db.Identities.AsNoTracking()
                .SingleOrDefaultAsync(i => i.Id == new IdentityId(identityGuid), cancellationToken);
            if (identity is null)
            {
                return Problem.NotFound("identity", identityGuid.ToString()) with { Field = "identity" };
            }

            identityId = identity.Id;
            environments = [identity.Environment];
        }

        if (await db.Principals.AnyAsync(p => p.Name == draft.Name, cancellationToken))
        {
            return Problem.Conflict($"A principal named '{draft.Name}' already exists.", "name");
        }

        var now = time.GetUtcNow();
        var token = AccessTokens.Generate();
        var principal = new Principal
        {
            Name = draft.Name,
            Role = draft.Role,
            Environments = environments,
            Teams = teams,
            IdentityId = identityId,
            CreatedBy = actor.Name,
            TokenHash = AccessTokens.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + (draft.Lifetime ?? DefaultLifetime),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Principals.Add(principal);
        await AuditLog.AppendAsync(db, new AuditEntry(actor, "principal.create", $"principal/{principal.Id}")
        {
            Detail = Describe(principal),
        }, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedPrincipal(principal, token);
    }

    /// <summary>Every principal, newest first; tokens are never part of it.</summary>
    public async Task<IReadOnlyList<Principal>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var principals = await db.Principals.AsNoTracking().ToListAsync(cancellationToken);
        return [.. principals.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Name, StringComparer.Ordinal)];
    }

    public async Task<Result<Principal>> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var principal = await db.Principals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return principal is null ? Problem.NotFound("principal", id.ToString()) : principal;
    }

    /// <summary>Revokes the principal's token at once; its dashboard sessions end with it.</summary>
    public async Task<Result<Principal>> RevokeAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = store.CreateContext();
        var principal = await db.Principals.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (principal is null)
        {
            return Problem.NotFound("principal", id.ToString());
        }

        if (principal.RevokedAt is not null)
        {
            return principal;
        }

        var now = time.GetUtcNow();
        principal.RevokedAt = now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DashboardSessions.Where(s => s.PrincipalId == id).ExecuteDeleteAsync(cancellationToken);
        await AuditLog.AppendAsync(db, new AuditEntry(actor, "principal.revoke", $"principal/{principal.Id}")
        {
            Detail = Describe(principal),
        }, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return principal;
    }

    private static Problem? CheckShape(PrincipalDraft draft)
    {
        if (!NamePattern().IsMatch(draft.Name ?? ""))
        {
            return Problem.Invalid("name",
                "A principal's name is 1 to 100 letters, digits, '.', '_', '@' or '-', "
                + "starting with a letter or digit.");
        }

        if (draft.Lifetime is { } lifetime && (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime))
        {
            return Problem.Invalid("ttl", $"A token lives at most {Durations.Format(MaxLifetime)}.");
        }

        if (draft.Environments.FirstOrDefault(e => !InventoryNames.IsValidEnvironment(e)) is { } badEnvironment)
        {
            return Problem.Invalid("environments", $"'{badEnvironment}' is not an environment name.");
        }

        return draft.Role switch
        {
            Role.Auditor when draft.Environments.Count > 0 =>
                Problem.Invalid("environments", "An auditor reads every environment; it can't be limited to some."),
            Role.Owner when draft.Teams.Count == 0 => Problem.Invalid("teams", "An owner token names the team(s) it manages: --team TEAM."),
            Role.Workload when draft.Identity is null =>
                Problem.Invalid("identity", "A workload token belongs to one identity: --identity ID."),
            Role.Workload when draft.Environments.Count > 0 =>
                Problem.Invalid("environments", "A workload token lives in its identity's environment; name no environment."),
            not Role.Owner when draft.Teams.Count > 0 => Problem.Invalid("teams", "Only owner tokens belong to teams."),
            not Role.Workload when draft.Identity is not null => Problem.Invalid("identity", "Only workload tokens belong to an identity."),
            _ => null,
        };
    }

    private static Dictionary<string, object?> Describe(Principal principal) => new()
    {
        ["name"] = principal.Name,
        ["role"] = principal.Role.ToString(),
        ["environments"] = principal.Environments.Count == 0 ? "*" : string.Join(' ', principal.Environments),
        ["teams"] = principal.Teams.Count == 0 ? null : string.Join(' ', principal.Teams),
        ["identity"] = principal.IdentityId?.ToString(),
        ["expiresAt"] = principal.ExpiresAt,
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")]
    private static partial Regex NamePattern();
}
