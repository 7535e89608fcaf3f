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

    /// <summary>A watched endpoint presents a certificate that does not name it.</summary>
    HostnameMismatch,

    /// <summary>A watched endpoint's certificate does not chain to a trusted root.</summary>
    UntrustedIssuer,

    /// <summary>A watched endpoint does not answer, or does not complete a TLS handshake.</summary>
    Unreachable,
}
