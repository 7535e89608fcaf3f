namespace Lanyard.Core.Inventory;

/// <summary>The stable id of an <see cref="Identity"/>.</summary>
public readonly record struct IdentityId(Guid Value)
{
    public static IdentityId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, out IdentityId id)
    {
        var ok = Guid.TryParse(text, out var value);
        id = new IdentityId(value);
        return ok;
    }

    public override string ToString() => Value.ToString();
}
