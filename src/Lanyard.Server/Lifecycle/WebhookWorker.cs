using Lanyard.Server.Hosting;
using Lanyard.Store.Webhooks;

namespace Lanyard.Server.Lifecycle;

/// <summary>
/// Sends the webhook outbox every <see cref="ServerSettings.WebhookInterval"/> on the injected clock,
/// going again at once while a full batch was sent. A delivery interrupted by a crash is retried
/// once its lease ends, so receivers see every event at least once.
/// </summary>
internal sealed class WebhookWorker(
    WebhookSender sender, ServerSettings settings, TimeProvider time, ILogger<WebhookWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.WebhookInterval, time);
        do
        {
            try
            {
                int sent;
                do
                {
                    sent = await sender.SendDueAsync(stoppingToken);
                    if (sent > 0)
                    {
                        Log.WebhooksSent(logger, sent);
                    }
                }
                while (sent >= sender.BatchSize && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // An unreachable database must not stop deliveries for good.
                Log.WebhookSendFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
