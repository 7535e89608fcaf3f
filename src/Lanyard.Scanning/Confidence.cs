namespace Lanyard.Scanning;

/// <summary>How sure the scanner is that a finding is a live secret.</summary>
public enum Confidence
{
    /// <summary>Plausible but weakly supported, e.g. a generic assignment with a borderline value.</summary>
    Low = 0,

    /// <summary>A keyword and a random-looking value, or a provider format without a checksum.</summary>
    Medium = 1,

    /// <summary>A distinctive provider format, a validated checksum, or a structurally verified key.</summary>
    High = 2,
}
