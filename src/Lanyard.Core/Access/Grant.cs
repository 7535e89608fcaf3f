using Lanyard.Core.Inventory;

namespace Lanyard.Core.Access;

/// <summary>
/// What one caller may reach: its role, the environments it is limited to (none: all), its teams
/// and, for a workload, its identity.
/// </summary>
public sealed record Grant(Role Role, IReadOnlyList<string> Environments, IReadOnlyList<OwnerId> Teams, IdentityId? Identity)
{
    /// <summary>A workload's grant: its own identity, in that identity's environment only.</summary>
    public static Grant ForWorkload(IdentityId identity, string environment) => new(Role.Workload, [environment], [], identity);

    public bool ReachesEveryEnvironment => Environments.Count == 0;

    public bool Reaches(string environment) => ReachesEveryEnvironment || Environments.Contains(environment, StringComparer.Ordinal);
}
