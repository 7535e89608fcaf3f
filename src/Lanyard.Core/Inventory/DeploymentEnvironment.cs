namespace Lanyard.Core.Inventory;

/// <summary>
/// An isolation boundary (dev, staging, prod or any other name) with its own trust domain and
/// posture thresholds.
/// </summary>
public sealed class DeploymentEnvironment
{
    public const int DefaultStaleAfterDays = 90;
    public const int DefaultRenewalWindowDays = 30;

    /// <summary>The environment's name, a lowercase DNS label; also its key.</summary>
    public required string Name { get; set; }

    /// <summary>The SPIFFE trust domain, <c>{name}.lanyard.internal</c> unless configured.</summary>
    public required string TrustDomain { get; set; }

    /// <summary>A credential unused for longer than this many days is stale.</summary>
    public int StaleAfterDays { get; set; } = DefaultStaleAfterDays;

    /// <summary>A certificate within this many days of its not-after is expiring.</summary>
    public int RenewalWindowDays { get; set; } = DefaultRenewalWindowDays;

    public DateTimeOffset CreatedAt { get; set; }

    public static string DefaultTrustDomain(string name) => $"{name}.lanyard.internal";
}
