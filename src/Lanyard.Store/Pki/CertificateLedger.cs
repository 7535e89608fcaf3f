using System.Threading.Channels;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;

namespace Lanyard.Store.Pki;

/// <summary>
/// Stores issued certificates with group commit: callers wait until their credential and its
/// audit event are committed, but the certificates that arrive together share one transaction,
/// so issuance is not bound by one commit per certificate. A batch that fails is retried one
/// certificate at a time, so one bad record fails only its own caller.
/// </summary>
public sealed class CertificateLedger : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly StoreFactory _store;
    private readonly TimeProvider _time;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public CertificateLedger(StoreFactory store, TimeProvider time)
    {
        _store = store;
        _time = time;
        _writer = Task.Run(WriteLoopAsync);
    }

    private sealed record Pending(Credential Credential, AuditEntry Audit, TaskCompletionSource Done);

    /// <summary>Completes when the credential and its audit event are committed.</summary>
    public Task RecordAsync(Credential credential, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(credential, audit, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The certificate ledger is shut down.");
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await WriteAsync(batch);
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception) when (batch.Count > 1)
            {
                await WriteOneByOneAsync(batch);
            }
            catch (Exception e)
            {
                batch[0].Done.TrySetException(e);
            }
        }
    }

    private async Task WriteOneByOneAsync(List<Pending> batch)
    {
        foreach (var pending in batch)
        {
            try
            {
                await WriteAsync([pending]);
                pending.Done.TrySetResult();
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<Pending> batch)
    {
        await using var db = _store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var pending in batch)
        {
            db.Credentials.Add(pending.Credential);
            await AuditLog.AppendAsync(db, pending.Audit, _time.GetUtcNow(), CancellationToken.None);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
