using Lanyard.Server.Hosting;
using Lanyard.Store.Probes;

namespace Lanyard.Server.Lifecycle;

/// <summary>
/// Probes watched TLS endpoints when they are due (every <see cref="ServerSettings.ProbeInterval"/>),
/// looking for due ones every <see cref="ServerSettings.LifecycleInterval"/> on the injected clock.
/// Each endpoint is claimed before it is probed, so replicas share the work without doing it twice.
/// </summary>
internal sealed class ProbeWorker(EndpointProber prober, ServerSettings settings, TimeProvider time, ILogger<ProbeWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.LifecycleInterval, time);
        do
        {
            try
            {
                int probed;
                do
                {
                    probed = await prober.ProbeDueAsync(stoppingToken);
                    if (probed > 0)
                    {
                        Log.EndpointsProbed(logger, probed);
                    }
                }
                while (probed >= EndpointProber.BatchSize && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.EndpointProbesFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
