using Lanyard.Core.Inventory;

namespace Lanyard.Core.Access;

/// <summary>A human or automation caller of the API, known by the hash of its bearer token.</summary>
public sealed class Principal
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public Role Role { get; set; }

    /// <summary>The environments the principal reaches; empty reaches every environment.</summary>
    public List<string> Environments { get; set; } = [];

    /// <summary>For the owner role: the owners (teams) whose identities the principal manages.</summary>
    public List<Guid> Teams { get; set; } = [];

    /// <summary>For the workload role: the one identity whose credentials the principal reads and renews.</summary>
    public IdentityId? IdentityId { get; set; }

    /// <summary>Who created the token, for the audit trail and the principal list.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Hex SHA-256 of the token. Tokens carry 256 random bits, so a fast hash is enough.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>What the principal may reach, in the form the access rules judge.</summary>
    public Grant ToGrant() => new(Role, Environments, [.. Teams.Select(t => new OwnerId(t))], IdentityId);
}
