namespace Lanyard.Core.Inventory;

/// <summary>The stable id of an <see cref="Credential"/>.</summary>
public readonly record struct CredentialId(Guid Value) : IComparable<CredentialId>
{
    public static CredentialId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, out CredentialId id)
    {
        var ok = Guid.TryParse(text, out var value);
        id = new CredentialId(value);
        return ok;
    }

    public override string ToString() => Value.ToString();

    public int CompareTo(CredentialId other) => Value.CompareTo(other.Value);

    public static bool operator <(CredentialId left, CredentialId right) => left.CompareTo(right) < 0;

    public static bool operator >(CredentialId left, CredentialId right) => left.CompareTo(right) > 0;

    public static bool operator <=(CredentialId left, CredentialId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(CredentialId left, CredentialId right) => left.CompareTo(right) >= 0;
}
