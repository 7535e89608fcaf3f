using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>A posture problem, with what it is about, who owns it, why, and since when.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Environment">
/// The environment, or for reuse the first of them (all are in <see cref="Occurrences"/>); empty for a
/// hardcoded secret that matches no credential of the inventory.
/// </param>
/// <param name="Reason">Why, in words an operator understands.</param>
/// <param name="Since">From when the finding holds.</param>
public sealed record Finding(FindingKind Kind, string Environment, string Reason, DateTimeOffset Since)
{
    public CredentialId? CredentialId { get; init; }

    public string? CredentialName { get; init; }

    public IdentityId? IdentityId { get; init; }

    public string? IdentityName { get; init; }

    public string? Owner { get; init; }

    public string? Fingerprint { get; init; }

    /// <summary>For reuse across environments: every credential that shares the fingerprint.</summary>
    public IReadOnlyList<FindingOccurrence> Occurrences { get; init; } = [];

    /// <summary>For a hardcoded secret: every place a scanner reported it.</summary>
    public IReadOnlyList<SecretLocation> Locations { get; init; } = [];
}
