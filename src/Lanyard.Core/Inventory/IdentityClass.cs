namespace Lanyard.Core.Inventory;

/// <summary>What kind of principal an identity is; only machine identities need an owner.</summary>
public enum IdentityClass
{
    /// <summary>A service, pipeline, bot or device: the principals Lanyard exists for.</summary>
    Machine,

    /// <summary>A person's account found in an export (an IAM user with a console password).</summary>
    Human,

    /// <summary>
    /// A principal the platform itself manages: a cluster's <c>default</c> service accounts, its
    /// control-plane accounts, a cloud account's root.
    /// </summary>
    System,
}
