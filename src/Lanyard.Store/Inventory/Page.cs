namespace Lanyard.Store.Inventory;

/// <summary>One page of a list, and the cursor that continues it (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
