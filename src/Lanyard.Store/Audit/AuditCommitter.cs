using System.Threading.Channels;

namespace Lanyard.Store.Audit;

/// <summary>
/// Group commit for audited writes on hot paths (issued certificates, issued tokens, refusals):
/// each caller waits until its audit event, and the change it records, are committed, but the
/// writes that arrive together share one transaction and one walk of the audit chain's head, so
/// throughput is not bound by one commit (and, on SQLite, one turn of the single writer) per
/// request. A batch that fails is retried one write at a time, so one bad record fails only its
/// own caller.
/// </summary>
public sealed class AuditCommitter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly StoreFactory _store;
    private readonly TimeProvider _time;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public AuditCommitter(StoreFactory store, TimeProvider time)
    {
        _store = store;
        _time = time;
        _writer = Task.Run(WriteLoopAsync);
    }

    private sealed record Pending(AuditEntry Audit, Action<LanyardDbContext>? Change, TaskCompletionSource Done);

    /// <summary>
    /// Completes when <paramref name="audit"/> is committed, together with <paramref name="change"/>
    /// when one is given. The change only adds or edits tracked entities; it runs on the writer,
    /// inside the batch's transaction. A cancelled wait does not withdraw the write.
    /// </summary>
    public Task RecordAsync(AuditEntry audit, Action<LanyardDbContext>? change = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var pending = new Pending(audit, change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The audit trail is shut down.");
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
        var entries = new AuditEntry[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Change?.Invoke(db);
            entries[i] = batch[i].Audit;
        }

        await AuditLog.AppendAsync(db, entries, _time.GetUtcNow(), CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
