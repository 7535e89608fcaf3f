using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>The part of an identity that posture needs; a slim row so a million load fast.</summary>
public sealed record PostureIdentity(
    IdentityId Id,
    string Name,
    string Environment,
    OwnerId? OwnerId,
    IdentityClass Class,
    bool Gone,
    DateTimeOffset CreatedAt);
