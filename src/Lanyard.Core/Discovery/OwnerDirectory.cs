using Lanyard.Core.Inventory;

namespace Lanyard.Core.Discovery;

/// <summary>Resolves owner names from an import to owners, creating the ones not yet known.</summary>
internal sealed class OwnerDirectory
{
    private readonly Dictionary<string, Owner> _byName = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _now;

    public OwnerDirectory(IEnumerable<Owner> owners, DateTimeOffset now)
    {
        foreach (var owner in owners)
        {
            _byName[owner.Name] = owner;
        }

        _now = now;
    }

    public List<Owner> Added { get; } = [];

    /// <summary>
    /// The owner id a discovered record asks for: its named owner; none when the source states
    /// there is no owner; and <paramref name="current"/> when the source does not say.
    /// </summary>
    public OwnerId? Resolve(string? ownerName, bool ownerStated, OwnerId? current)
    {
        if (string.IsNullOrWhiteSpace(ownerName))
        {
            return ownerStated ? null : current;
        }

        var name = ownerName.Trim();
        if (!_byName.TryGetValue(name, out var owner))
        {
            // The export is the first to mention this team; its contact is filled in by an operator.
            owner = new Owner { Name = name, Contact = null, CreatedAt = _now, UpdatedAt = _now };
            _byName[name] = owner;
            Added.Add(owner);
        }

        return owner.Id;
    }
}
