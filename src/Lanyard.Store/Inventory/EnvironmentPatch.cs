namespace Lanyard.Store.Inventory;

/// <summary>Changes to an environment's thresholds; null leaves a value as it is.</summary>
public sealed record EnvironmentPatch(int? StaleAfterDays = null, int? RenewalWindowDays = null);
