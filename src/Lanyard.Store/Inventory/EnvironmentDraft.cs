namespace Lanyard.Store.Inventory;

/// <summary>A new environment. Null thresholds take the defaults.</summary>
public sealed record EnvironmentDraft(
    string Name, string? TrustDomain = null, int? StaleAfterDays = null, int? RenewalWindowDays = null);
