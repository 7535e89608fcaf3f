namespace Lanyard.Store.Inventory;

/// <summary>
/// Changes to an identity. <see cref="Owner"/> names the new owner; <see cref="ClearOwner"/> removes
/// it; <see cref="Labels"/> replaces the labels. Null leaves a value as it is.
/// </summary>
public sealed record IdentityPatch(string? Owner = null, bool ClearOwner = false)
{
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
