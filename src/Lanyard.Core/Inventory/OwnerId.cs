namespace Lanyard.Core.Inventory;

/// <summary>The stable id of an <see cref="Owner"/>.</summary>
public readonly record struct OwnerId(Guid Value) : IComparable<OwnerId>
{
    public static OwnerId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, out OwnerId id)
    {
        var ok = Guid.TryParse(text, out var value);
        id = new OwnerId(value);
        return ok;
    }

    public override string ToString() => Value.ToString();

    public int CompareTo(OwnerId other) => Value.CompareTo(other.Value);

    public static bool operator <(OwnerId left, OwnerId right) => left.CompareTo(right) < 0;

    public static bool operator >(OwnerId left, OwnerId right) => left.CompareTo(right) > 0;

    public static bool operator <=(OwnerId left, OwnerId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(OwnerId left, OwnerId right) => left.CompareTo(right) >= 0;
}
