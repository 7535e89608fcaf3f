namespace Lanyard.Core.Access;

/// <summary>A human or automation caller of the API, known by the hash of its bearer token.</summary>
public sealed class Principal
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public Role Role { get; set; }

    /// <summary>Hex SHA-256 of the token. Tokens carry 256 random bits, so a fast hash is enough.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
