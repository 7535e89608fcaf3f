namespace Lanyard.Core.Inventory;

/// <summary>
/// An isolation boundary (dev, staging, prod or any other name) with its own trust domain and
/// posture thresholds.
/// </summary>
public sealed class DeploymentEnvironment
{
    public const int DefaultStaleAfterDays = 90;
    public const int DefaultRenewalWindowDays = 30;
    public const int DefaultRotateAfterDays = 90;
    public const int DefaultRotationOverlapHours = 24;
    public const int DefaultSigningKeyRotationDays = 30;

    /// <summary>The environment's name, a lowercase DNS label; also its key.</summary>
    public required string Name { get; set; }

    /// <summary>The SPIFFE trust domain, <c>{name}.lanyard.internal</c> unless configured.</summary>
    public required string TrustDomain { get; set; }

    /// <summary>A credential unused for longer than this many days is stale.</summary>
    public int StaleAfterDays { get; set; } = DefaultStaleAfterDays;

    /// <summary>A certificate within this many days of its not-after is expiring.</summary>
    public int RenewalWindowDays { get; set; } = DefaultRenewalWindowDays;

    /// <summary>An issued API key or client secret this many days old is rotated automatically.</summary>
    public int RotateAfterDays { get; set; } = DefaultRotateAfterDays;

    /// <summary>How long a rotated credential and its successor are both valid.</summary>
    public int RotationOverlapHours { get; set; } = DefaultRotationOverlapHours;

    /// <summary>How long each token signing key signs before the next one takes over.</summary>
    public int SigningKeyRotationDays { get; set; } = DefaultSigningKeyRotationDays;

    public DateTimeOffset CreatedAt { get; set; }

    public static string DefaultTrustDomain(string name) => $"{name}.lanyard.internal";
}
