using Lanyard.Core.Inventory;

namespace Lanyard.Core.Access;

/// <summary>
/// Judges one grant against one target for one reach. The answer is null when the caller may go
/// on, or the reason it may not, in words that name the role, the environment or the team.
/// </summary>
public static class AccessRules
{
    /// <param name="grant">What the caller may reach.</param>
    /// <param name="reach">How far its role reaches on the endpoint; null when the role is refused there.</param>
    /// <param name="target">What the request acts on.</param>
    /// <param name="teamName">Names a team in the answer; its id is used when null.</param>
    public static string? Refusal(Grant grant, Reach? reach, AccessTarget target, Func<OwnerId, string>? teamName = null)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(target);
        var role = grant.Role.ToString().ToLowerInvariant();
        return reach switch
        {
            null => $"the {role} role may not make this request",
            Reach.AnyEnvironment => null,
            Reach.GrantedEnvironments => EnvironmentRefusal(grant, role, target),
            // A team itself (its contact, its webhook) lies in no environment; its identities do.
            Reach.OwnTeam => (target.Environment is null ? null : EnvironmentRefusal(grant, role, target))
                ?? TeamRefusal(grant, role, target, teamName ?? (id => id.ToString())),
            Reach.OwnIdentity => target.Identity is { } identity && identity == grant.Identity
                ? null
                : $"the {role} role reaches only its own identity's credentials",
            _ => throw new ArgumentOutOfRangeException(nameof(reach), reach, "Unknown reach."),
        };
    }

    private static string? EnvironmentRefusal(Grant grant, string role, AccessTarget target)
    {
        if (grant.ReachesEveryEnvironment)
        {
            return null;
        }

        var granted = string.Join(", ", grant.Environments);
        return target.Environment switch
        {
            null => $"this {role} is limited to environment(s) {granted} and the request is not bound to one of them",
            { } environment when !grant.Reaches(environment) =>
                $"this {role} is limited to environment(s) {granted}, not {environment}",
            _ => null,
        };
    }

    private static string? TeamRefusal(Grant grant, string role, AccessTarget target, Func<OwnerId, string> teamName)
    {
        if (target.Owner is not { } owner)
        {
            // A request that names no team (an owner's own team page, say) needs none; one about an
            // identity without an owner is no team's to manage.
            return target.Identity is null && target.Environment is null
                ? $"the {role} role manages only its own teams"
                : $"the {role} role manages only its own teams' identities, and this one has no owner";
        }

        return grant.Teams.Contains(owner) ? null : $"the {role} role manages only its own teams' identities, not team {teamName(owner)}";
    }
}
