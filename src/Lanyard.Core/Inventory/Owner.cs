namespace Lanyard.Core.Inventory;

/// <summary>The team or person accountable for identities and credentials.</summary>
public sealed class Owner
{
    public OwnerId Id { get; set; } = OwnerId.New();

    /// <summary>Unique, human-chosen name such as <c>team-payments</c>.</summary>
    public required string Name { get; set; }

    /// <summary>Where to reach the owner (an email address); null when not yet known.</summary>
    public string? Contact { get; set; }

    /// <summary>Where lifecycle events about the owner's credentials are POSTed; null for none.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The webhook signing secret, sealed under the master key; shown once when made.</summary>
    public byte[]? SealedWebhookSecret { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
