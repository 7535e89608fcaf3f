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
}
