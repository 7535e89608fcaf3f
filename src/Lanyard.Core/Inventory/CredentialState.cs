namespace Lanyard.Core.Inventory;

/// <summary>Where a credential is in its life.</summary>
public enum CredentialState
{
    /// <summary>Valid and in use.</summary>
    Active,

    /// <summary>Exists but is switched off at its source (an inactive access key).</summary>
    Inactive,

    /// <summary>Revoked: it must no longer be accepted anywhere.</summary>
    Revoked,

    /// <summary>Absent from the newest export of the source it was discovered in.</summary>
    Gone,

    /// <summary>An issued credential past its expiry, marked so by the lifecycle worker.</summary>
    Expired,
}
