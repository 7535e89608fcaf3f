namespace Lanyard.Pki;

/// <summary>Where an environment's CA hierarchy came from.</summary>
public enum CaOrigin
{
    /// <summary>Lanyard generated the root and the intermediate.</summary>
    Generated,

    /// <summary>An operator imported the root; Lanyard generates intermediates under it.</summary>
    ImportedRoot,

    /// <summary>An operator imported the issuing intermediate; the root's key stays outside Lanyard.</summary>
    ImportedIntermediate,
}
