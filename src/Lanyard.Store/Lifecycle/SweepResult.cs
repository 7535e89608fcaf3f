namespace Lanyard.Store.Lifecycle;

/// <summary>What one lifecycle sweep did. <see cref="More"/>: a batch was full, so sweep again soon.</summary>
public sealed record SweepResult(int Rotated, int Retired, int Expired, int SigningKeysScheduled, bool More)
{
    public int Total => Rotated + Retired + Expired + SigningKeysScheduled;
}
