using Lanyard.Server.Hosting;
using Lanyard.Store.Lifecycle;

namespace Lanyard.Server.Lifecycle;

/// <summary>
/// Runs the lifecycle sweep at start and then every <see cref="ServerSettings.LifecycleInterval"/>
/// on the injected clock, sweeping again at once while batches come back full. Every item is its
/// own transaction, so stopping or killing the process at any point loses nothing: the next sweep,
/// here or on another replica, finds what is still due. Each sweep also renews environments'
/// issuing intermediates that entered their renewal window.
/// </summary>
internal sealed class LifecycleWorker(
    LifecycleSweeper sweeper, IntermediateRenewal intermediates, ServerSettings settings, TimeProvider time,
    ILogger<LifecycleWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.LifecycleInterval, time);
        do
        {
            await SweepUntilCaughtUpAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SweepUntilCaughtUpAsync(CancellationToken stoppingToken)
    {
        try
        {
            SweepResult result;
            do
            {
                result = await sweeper.SweepAsync(stoppingToken);
                if (result.Total > 0)
                {
                    Log.LifecycleSwept(logger, result.Rotated, result.Retired, result.Expired, result.SigningKeysScheduled);
                }
            }
            while (result.More && !stoppingToken.IsCancellationRequested);

            var (renewed, dropped) = await intermediates.RunAsync(stoppingToken);
            if (renewed + dropped > 0)
            {
                Log.IntermediatesRenewed(logger, renewed, dropped);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A database that is briefly unreachable must not stop the worker for good.
            Log.LifecycleSweepFailed(logger, exception);
        }
    }
}
