namespace Lanyard.Core.Access;

/// <summary>What a principal may do; the access table says where.</summary>
public enum Role
{
    /// <summary>Everything, in every environment or only in the environments it is limited to.</summary>
    Admin,

    /// <summary>Reads everything, including the audit trail, in every environment; changes nothing.</summary>
    Auditor,

    /// <summary>Manages the identities of its teams, in the environments it is granted.</summary>
    Owner,

    /// <summary>Reads and renews its own identity's credentials only.</summary>
    Workload,
}
