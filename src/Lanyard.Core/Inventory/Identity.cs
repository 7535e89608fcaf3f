namespace Lanyard.Core.Inventory;

/// <summary>A non-human principal in exactly one environment.</summary>
public sealed class Identity
{
    public IdentityId Id { get; set; } = IdentityId.New();

    /// <summary>Unique within its environment.</summary>
    public required string Name { get; set; }

    public required string Environment { get; set; }

    public OwnerId? OwnerId { get; set; }

    /// <summary>
    /// True once an operator assigned or cleared the owner in Lanyard: imports then leave the
    /// owner alone, so a decision made here is not undone by the next export.
    /// </summary>
    public bool OwnerAssignedInLanyard { get; set; }

    /// <summary><c>spiffe://{trust domain}/{path}</c>.</summary>
    public required string SpiffeId { get; set; }

    public IdentityClass Class { get; set; } = IdentityClass.Machine;

    public CredentialSource Source { get; set; } = CredentialSource.Issued;

    /// <summary>Where a discovered identity came from, in words (<c>kubernetes ServiceAccount ci/deploy-bot</c>).</summary>
    public string? Origin { get; set; }

    /// <summary>The source's own key for a discovered identity; imports match on it.</summary>
    public string? ExternalKey { get; set; }

    /// <summary>True when the newest export of its source no longer lists it.</summary>
    public bool Gone { get; set; }

    public Dictionary<string, string> Labels { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
