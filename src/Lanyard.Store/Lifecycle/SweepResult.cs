namespace Lanyard.Store.Lifecycle;

/// <summary>What one lifecycle sweep did. <see cref="More"/>: a batch was full, so sweep again soon.</summary>
public sealed record SweepResult(int Rotated, int Retired, int Expired, int SigningKeysScheduled, bool More)
{
    /// <summary>Credentials whose owners were told, this sweep, that they enter their renewal window.</summary>
    public int ExpiryNotices { get; init; }

    public int Total => Rotated + Retired + Expired + SigningKeysScheduled + ExpiryNotices;
}
