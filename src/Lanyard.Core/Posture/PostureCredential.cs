using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>The part of a credential that posture needs; a slim row so a million load fast.</summary>
public sealed record PostureCredential(
    CredentialId Id,
    IdentityId? IdentityId,
    string Environment,
    OwnerId? OwnerId,
    string Name,
    CredentialKind Kind,
    CredentialSource Source,
    CredentialState State,
    string? Fingerprint,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    bool UsageTracked,
    string? KeyAlgorithm,
    int? KeySize,
    string? SignatureAlgorithm)
{
    /// <summary>For certificates: the DNS names and the SPIFFE ID it names, which policy rules judge.</summary>
    public IReadOnlyList<string> SubjectAlternativeNames { get; init; } = [];
}
