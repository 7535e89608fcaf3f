namespace Lanyard.Core.Policy;

/// <summary>One setting a new policy changes: its key, and its value before and after (null: not set).</summary>
public sealed record PolicyChange(string Key, string? Before, string? After);
