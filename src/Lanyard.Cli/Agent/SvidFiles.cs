namespace Lanyard.Cli.Agent;

/// <summary>The files the agent keeps fresh, named as spiffe-helper names them.</summary>
internal static class SvidFiles
{
    /// <summary>The SVID followed by its intermediates, as a TLS server sends them.</summary>
    public const string Certificate = "svid.pem";

    public const string Key = "svid_key.pem";

    public const string Bundle = "svid_bundle.pem";
}
