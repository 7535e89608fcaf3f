using System.Security.Cryptography.X509Certificates;
using Lanyard.Discovery.Probes;
using Lanyard.Store.Pki;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Probes;

/// <summary>
/// One round of scheduled probes: claims the watched endpoints that are due, probes a few at a
/// time with a deadline each, and records every result. An endpoint's certificate is trusted when
/// it chains to a root of the system store or of its environment's trust bundle.
/// </summary>
public sealed class EndpointProber(EndpointWatch watch, EnvironmentCaStore cas, StoreFactory store, TimeProvider time)
{
    public const int BatchSize = 50;

    private static readonly Lazy<X509Certificate2[]> SystemRoots = new(LoadSystemRoots);

    /// <summary>How often each endpoint is probed.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>For connecting and the handshake together.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public int Parallelism { get; init; } = 4;

    /// <summary>Probes what is due; returns how many endpoints were probed.</summary>
    public async Task<int> ProbeDueAsync(CancellationToken cancellationToken = default)
    {
        var due = await watch.ClaimDueAsync(BatchSize, Interval, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        await using var db = store.CreateContext();
        var windows = await db.Environments.AsNoTracking().ToDictionaryAsync(e => e.Name, e => e.RenewalWindowDays, cancellationToken);
        var withCa = (await cas.EnvironmentsWithCaAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var roots = new Dictionary<string, X509Certificate2Collection>(StringComparer.Ordinal);
        foreach (var environment in due.Select(e => e.Environment).Distinct())
        {
            var trusted = new X509Certificate2Collection(SystemRoots.Value);
            if (withCa.Contains(environment) && (await cas.GetAsync(environment, "", cancellationToken)).Value is { } ca)
            {
                trusted.AddRange(ca.Roots.ToArray());
            }

            roots[environment] = trusted;
        }

        await Parallel.ForEachAsync(due,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (endpoint, ct) =>
            {
                var window = TimeSpan.FromDays(windows.GetValueOrDefault(endpoint.Environment,
                    Core.Inventory.DeploymentEnvironment.DefaultRenewalWindowDays));
                var result = await TlsProbe.ProbeAsync(endpoint.Host, endpoint.Port, endpoint.ServerName,
                    roots[endpoint.Environment], Timeout,
                    time.GetUtcNow(), window, ct);
                await watch.RecordAsync(endpoint.Id, result, ct);
            });
        return due.Count;
    }

    private static X509Certificate2[] LoadSystemRoots()
    {
        using var systemStore = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
        systemStore.Open(OpenFlags.ReadOnly);
        return [.. systemStore.Certificates];
    }
}
