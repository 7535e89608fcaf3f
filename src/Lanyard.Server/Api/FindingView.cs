using Lanyard.Core.Posture;

namespace Lanyard.Server.Api;

/// <summary>
/// A finding as the API shows it. A hardcoded secret that matches no credential has no environment
/// (null, and an empty list); its <see cref="Locations"/> say where it was found.
/// </summary>
public sealed record FindingView(
    FindingKind Kind, string? Environment, IReadOnlyList<string> Environments, Guid? CredentialId, string? Credential,
    Guid? IdentityId, string? Identity, string? Owner, string Reason, DateTimeOffset Since, string? Fingerprint,
    IReadOnlyList<FindingOccurrenceView> Occurrences, IReadOnlyList<SecretLocation> Locations)
{
    public static FindingView From(Finding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var environments = f.Occurrences.Count > 0
            ? f.Occurrences.Select(o => o.Environment).Distinct().Order(StringComparer.Ordinal).ToList()
            : f.Environment.Length > 0 ? [f.Environment] : [];
        return new FindingView(f.Kind, f.Environment.Length > 0 ? f.Environment : null, environments,
            f.CredentialId?.Value, f.CredentialName, f.IdentityId?.Value, f.IdentityName, f.Owner, f.Reason, f.Since, f.Fingerprint,
            f.Occurrences.Select(o => new FindingOccurrenceView(o.Environment, o.CredentialId.Value, o.CredentialName,
                o.IdentityName, o.Owner)).ToList(),
            f.Locations);
    }
}

/// <summary>One place a reused secret was seen.</summary>
public sealed record FindingOccurrenceView(string Environment, Guid CredentialId, string Credential, string? Identity, string? Owner);
