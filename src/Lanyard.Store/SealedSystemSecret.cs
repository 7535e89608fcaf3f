namespace Lanyard.Store;

/// <summary>A secret of Lanyard's own (a CA private key), sealed under the master key.</summary>
public sealed class SealedSystemSecret
{
    /// <summary>What it is, such as <c>system-ca/key</c>.</summary>
    public required string Name { get; set; }

    public required byte[] Sealed { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
