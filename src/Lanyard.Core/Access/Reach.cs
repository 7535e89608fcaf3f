namespace Lanyard.Core.Access;

/// <summary>How far a role's permission on an endpoint reaches.</summary>
public enum Reach
{
    /// <summary>Whatever the target, in every environment.</summary>
    AnyEnvironment,

    /// <summary>Targets in the environments the principal is granted; unlimited principals reach all.</summary>
    GrantedEnvironments,

    /// <summary>Identities and credentials of the principal's own teams, in its granted environments.</summary>
    OwnTeam,

    /// <summary>The principal's own identity and its credentials.</summary>
    OwnIdentity,
}
