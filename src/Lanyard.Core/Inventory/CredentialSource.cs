namespace Lanyard.Core.Inventory;

/// <summary>Whether Lanyard issued a credential or found it somewhere else.</summary>
public enum CredentialSource
{
    /// <summary>Issued by Lanyard, or registered with it by an operator.</summary>
    Issued,

    /// <summary>Found by an import or a scan; only its fingerprint is kept.</summary>
    Discovered,

    /// <summary>The certificate a watched TLS endpoint presented to Lanyard's scheduled probe.</summary>
    Probe,
}
