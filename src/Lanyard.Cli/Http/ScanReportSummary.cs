using Lanyard.Server.Api;

namespace Lanyard.Cli.Http;

/// <summary>What the server did with a scan's findings, summed over every request they took.</summary>
/// <param name="Received">Findings the server received.</param>
/// <param name="Stored">Places the server had not been told of before.</param>
/// <param name="Updated">Places it knew, whose last-reported time moved on.</param>
/// <param name="Linked">Reported secrets that are credentials of the inventory, with identity, environment and owner.</param>
internal sealed record ScanReportSummary(int Received, int Stored, int Updated, IReadOnlyList<LinkedSecretView> Linked)
{
    /// <summary>Places a complete scan no longer found, which the server resolved.</summary>
    public int Resolved { get; init; }
}
