namespace Lanyard.Core.Posture;

/// <summary>The kinds of posture problem. Serialized in kebab-case (<c>reused-across-environments</c>).</summary>
public enum FindingKind
{
    Orphaned,
    Stale,
    Expiring,
    Expired,
    ReusedAcrossEnvironments,
    WeakKey,

    /// <summary>A secret a scanner found in code, config, history or an image, reported by fingerprint.</summary>
    HardcodedSecret,

    /// <summary>A live credential Lanyard issued that the environment's policy in force would refuse today.</summary>
    PolicyViolation,
}
