using Lanyard.Core.Inventory;

namespace Lanyard.Store.Inventory;

/// <summary>
/// What one scan report did: how many findings arrived, how many places were new or seen again,
/// and whose secrets they were. <see cref="Resolved"/> counts the places a complete scan no
/// longer found; <see cref="ReportedAt"/> is the time the report was stored, which a scan sent in
/// several reports names when it completes.
/// </summary>
public sealed record ScanReportSummary(int Received, int Stored, int Updated, IReadOnlyList<LinkedSecret> Linked)
{
    public int Resolved { get; init; }

    public DateTimeOffset ReportedAt { get; init; }
}

/// <summary>A reported secret that is the secret of a credential in the inventory.</summary>
public sealed record LinkedSecret(
    string Fingerprint, CredentialId CredentialId, string Credential, string? Identity, string Environment, string? Owner);
