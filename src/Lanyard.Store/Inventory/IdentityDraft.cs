namespace Lanyard.Store.Inventory;

/// <summary>A new identity. The owner is a name or id; labels are free-form.</summary>
public sealed record IdentityDraft(string Name, string Environment, string? Owner = null)
{
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
