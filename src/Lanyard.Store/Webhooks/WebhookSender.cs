using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lanyard.Core.Inventory;
using Lanyard.Store.Sealing;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Webhooks;

/// <summary>
/// Sends due webhook deliveries: each is claimed with a short lease (a conditional update, so two
/// replicas never send the same attempt), POSTed with an HMAC-SHA256 signature of the exact body,
/// and its attempt recorded. A failure is retried after an exponentially growing delay until
/// <see cref="MaxAttempts"/> attempts were made. Receivers see at-least-once delivery and dedupe on
/// the <c>X-Lanyard-Delivery</c> header.
/// </summary>
public sealed class WebhookSender(StoreFactory store, Sealer sealer, HttpClient http, TimeProvider time)
{
    public const string SignatureHeader = "X-Lanyard-Signature";
    public const string DeliveryHeader = "X-Lanyard-Delivery";
    public const string EventHeader = "X-Lanyard-Event";

    /// <summary>How long a claimed delivery stays hidden from other senders while its attempt runs.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    public int BatchSize { get; init; } = 50;

    public int MaxAttempts { get; init; } = 12;

    /// <summary>The delay after the first failure; each further failure doubles it, up to <see cref="MaximumDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaximumDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var delay = FirstRetryDelay * factor;
        return delay > MaximumDelay ? MaximumDelay : delay;
    }

    /// <summary>The signature header value for a body: <c>sha256=</c> and the lowercase hex HMAC.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Makes one attempt at every delivery due now; returns how many attempts were made.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        List<WebhookDelivery> due;
        await using (var db = store.CreateContext())
        {
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        var attempts = 0;
        foreach (var delivery in due)
        {
            if (await ClaimAsync(delivery, cancellationToken))
            {
                await AttemptAsync(delivery, cancellationToken);
                attempts++;
            }
        }

        return attempts;
    }

    private async Task<bool> ClaimAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var seen = delivery.NextAttemptAt;
        var leaseEnds = time.GetUtcNow() + Lease;
        await using var db = store.CreateContext();
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt == seen)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, leaseEnds), cancellationToken);
        return claimed == 1;
    }

    private async Task AttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        Owner? owner;
        await using (var db = store.CreateContext())
        {
            owner = await db.Owners.AsNoTracking().SingleOrDefaultAsync(o => o.Id == delivery.OwnerId, cancellationToken);
        }

        if (owner?.WebhookUrl is not { } url || owner.SealedWebhookSecret is not { } sealedSecret)
        {
            await RecordAsync(delivery, null, "The owner has no webhook any more.", 0, abandon: true, cancellationToken);
            return;
        }

        var secret = Encoding.UTF8.GetString(sealer.Unseal(sealedSecret, WebhookSecrets.SealContext(owner.Id)));
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(secret, body));
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString());
        request.Headers.Add(EventHeader, delivery.Event);

        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? error;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AttemptTimeout);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null : string.Create(CultureInfo.InvariantCulture, $"The receiver answered {status}.");
        }
        catch (HttpRequestException exception)
        {
            error = Truncate($"The receiver could not be reached: {exception.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"The receiver did not answer within {AttemptTimeout.TotalSeconds:0} seconds.";
        }

        var elapsed = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await RecordAsync(delivery, status, error, elapsed, abandon: false, cancellationToken);
    }

    private async Task RecordAsync(
        WebhookDelivery claimed, int? status, string? error, int elapsedMilliseconds, bool abandon, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == claimed.Id, cancellationToken);
        if (delivery is null)
        {
            return;
        }

        delivery.Attempts++;
        delivery.LastAttemptAt = now;
        if (abandon)
        {
            delivery.Status = WebhookDeliveryStatus.Abandoned;
        }
        else if (error is null)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
        }
        else if (delivery.Attempts >= MaxAttempts)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
        }
        else
        {
            delivery.NextAttemptAt = now + RetryDelay(delivery.Attempts);
        }

        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id,
            Number = delivery.Attempts,
            At = now,
            StatusCode = status,
            Error = error,
            DurationMilliseconds = elapsedMilliseconds,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Truncate(string text) => text.Length <= 512 ? text : text[..512];
}
