namespace Lanyard.Core.Inventory;

/// <summary>The stable id of an <see cref="Identity"/>.</summary>
public readonly record struct IdentityId(Guid Value) : IComparable<IdentityId>
{
    public static IdentityId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, out IdentityId id)
    {
        var ok = Guid.TryParse(text, out var value);
        id = new IdentityId(value);
        return ok;
    }

    public override string ToString() => Value.ToString();

    public int CompareTo(IdentityId other) => Value.CompareTo(other.Value);

    public static bool operator <(IdentityId left, IdentityId right) => left.CompareTo(right) < 0;

    public static bool operator >(IdentityId left, IdentityId right) => left.CompareTo(right) > 0;

    public static bool operator <=(IdentityId left, IdentityId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(IdentityId left, IdentityId right) => left.CompareTo(right) >= 0;
}
