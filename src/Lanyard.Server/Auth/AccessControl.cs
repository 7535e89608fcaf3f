using Lanyard.Core.Access;
using Lanyard.Core.Audit;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Auth;

/// <summary>
/// The one place a request is judged against the access table: the caller's grant, the row's
/// reach for its role, and every target the request acts on. A refusal is logged and audited
/// with the role, environment and team it was about.
/// </summary>
internal sealed class AccessControl(AccessTargets targets, InventoryService inventory, ILogger<AccessControl> logger)
{
    /// <summary>A refusal: why, and what it was about.</summary>
    public sealed record Refusal(string Reason, Role Role, AccessTarget Target, string? Team);

    /// <summary>Null when the caller may go on; otherwise the refusal, already audited.</summary>
    public async Task<Refusal?> JudgeAsync(AccessRow row, HttpContext http, IList<object?> arguments, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(http);
        if (row.Public)
        {
            return null;
        }

        var grant = LanyardClaims.GrantOf(http.User);
        var reach = row.ReachOf(grant.Role);
        if (reach is null)
        {
            var role = grant.Role.ToString().ToLowerInvariant();
            return await RefuseAsync(row, http, new Refusal($"the {role} role may not {http.Request.Method} {row.Pattern}", grant.Role,
                AccessTarget.Global, null), ct);
        }

        // Nothing about the target can refuse these; the lookups it would take are skipped.
        if (reach == Reach.AnyEnvironment || (reach == Reach.GrantedEnvironments && grant.ReachesEveryEnvironment))
        {
            return null;
        }

        foreach (var target in await targets.ResolveAsync(row.Target, http, arguments, ct))
        {
            if (AccessRules.Refusal(grant, reach, target) is null)
            {
                continue;
            }

            // Refusals are rare; only then are team ids worth turning into names.
            var names = await inventory.OwnerNamesAsync(ct);
            string Name(Core.Inventory.OwnerId id) => names.GetValueOrDefault(id) ?? id.ToString();
            var reason = AccessRules.Refusal(grant, reach, target, Name)!;
            var team = target.Owner is { } owner ? Name(owner) : null;
            return await RefuseAsync(row, http, new Refusal(reason, grant.Role, target, team), ct);
        }

        return null;
    }

    /// <summary>
    /// Whether the signed-in user may act through <paramref name="row"/> on <paramref name="target"/>;
    /// nothing is audited, as this only decides which actions a page shows.
    /// </summary>
    public static bool Allows(AccessRow row, System.Security.Claims.ClaimsPrincipal user, AccessTarget target)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Public)
        {
            return true;
        }

        var grant = LanyardClaims.GrantOf(user);
        return AccessRules.Refusal(grant, row.ReachOf(grant.Role), target) is null;
    }

    /// <summary>The refusal as an RFC 9457 problem document naming why.</summary>
    public static IResult Problem(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var extensions = new Dictionary<string, object?>
        {
            ["role"] = refusal.Role.ToString().ToLowerInvariant(),
            ["environment"] = refusal.Target.Environment,
            ["team"] = refusal.Team,
        };
        return Results.Problem($"Not allowed: {refusal.Reason}.", statusCode: StatusCodes.Status403Forbidden,
            title: "Not allowed", type: Api.Problems.TypePrefix + "forbidden", extensions: extensions);
    }

    private async Task<Refusal> RefuseAsync(AccessRow row, HttpContext http, Refusal refusal, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        Log.AccessRefused(logger, http.Request.Method, row.Pattern, refusal.Role.ToString(), actor.Name, refusal.Reason);
        await inventory.RecordAsync(new AuditEntry(actor, "request.refused", http.Request.Path, AuditOutcome.Refused)
        {
            Detail = new Dictionary<string, object?>
            {
                ["method"] = http.Request.Method,
                ["route"] = row.Pattern,
                ["role"] = refusal.Role.ToString(),
                ["reason"] = refusal.Reason,
                ["environment"] = refusal.Target.Environment,
                ["team"] = refusal.Team,
            },
        }, ct);
        return refusal;
    }
}
