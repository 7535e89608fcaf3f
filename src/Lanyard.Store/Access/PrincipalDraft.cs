using Lanyard.Core.Access;

namespace Lanyard.Store.Access;

/// <summary>
/// A principal to create: its name, role, the environments it is limited to (none: all), its teams
/// by owner name or id (the owner role), its identity by id (the workload role) and its lifetime.
/// </summary>
public sealed record PrincipalDraft(string Name, Role Role)
{
    public IReadOnlyList<string> Environments { get; init; } = [];

    public IReadOnlyList<string> Teams { get; init; } = [];

    public Guid? Identity { get; init; }

    /// <summary>Null: <see cref="PrincipalService.DefaultLifetime"/>.</summary>
    public TimeSpan? Lifetime { get; init; }
}
