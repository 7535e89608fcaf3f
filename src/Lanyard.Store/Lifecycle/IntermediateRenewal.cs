using Lanyard.Store.Pki;

namespace Lanyard.Store.Lifecycle;

/// <summary>
/// The lifecycle's CA work, environment by environment: an issuing intermediate in its renewal
/// window is replaced by a new one under the same root, and retired intermediates whose last leaf
/// has expired are dropped, taking their CRL and, when no longer needed, their root out of the
/// bundle. Every change is a compare-and-swap on the sealed CA, so replicas never both renew.
/// </summary>
public sealed class IntermediateRenewal(EnvironmentCaStore cas)
{
    /// <summary>Does the due work; returns how many intermediates were renewed and how many retired ones dropped.</summary>
    public async Task<(int Renewed, int Dropped)> RunAsync(CancellationToken cancellationToken = default)
    {
        var renewed = 0;
        var dropped = 0;
        foreach (var environment in await cas.EnvironmentsWithCaAsync(cancellationToken))
        {
            var (wasRenewed, droppedHere) = await cas.MaintainAsync(environment, cancellationToken);
            renewed += wasRenewed ? 1 : 0;
            dropped += droppedHere;
        }

        return (renewed, dropped);
    }
}
