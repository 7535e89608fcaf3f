using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>One place a reused secret was seen.</summary>
public sealed record FindingOccurrence(
    string Environment,
    CredentialId CredentialId,
    string CredentialName,
    string? IdentityName,
    string? Owner);
