namespace Lanyard.Core.Access;

/// <summary>What a principal may do.</summary>
public enum Role
{
    /// <summary>Everything.</summary>
    Admin,

    /// <summary>Reads everything, including the audit trail; changes nothing.</summary>
    Auditor,

    /// <summary>Manages the identities of its team.</summary>
    Owner,

    /// <summary>Reads and renews its own credentials only.</summary>
    Workload,
}
