namespace Lanyard.Scanning.Sources;

/// <summary>
/// Scans walked files on dedicated threads, one per allowed degree of parallelism, each taking the next
/// file from the walk. A scan keeps its cores busy from start to end; on the thread pool, idle workers
/// spinning for new work would take CPU from it on a small machine.
/// </summary>
internal static class ScanWorkers
{
    /// <summary>Completes when every item is scanned; faults with the first exception a worker met.</summary>
    public static Task RunAsync(IEnumerable<ScanItem> items, int workers, Action<ScanItem> scan, CancellationToken token)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var walk = items.GetEnumerator();
        var gate = new Lock();
        var running = workers;
        Exception? failure = null;
        for (var i = 0; i < workers; i++)
        {
            new Thread(Work) { IsBackground = true, Name = $"lanyard-scan-{i + 1}" }.Start();
        }

        return done.Task;

        void Work()
        {
            try
            {
                while (TryTake(out var item))
                {
                    token.ThrowIfCancellationRequested();
                    scan(item);
                }
            }
            catch (Exception e)
            {
                lock (gate)
                {
                    failure ??= e;
                }
            }
            finally
            {
                if (Interlocked.Decrement(ref running) == 0)
                {
                    walk.Dispose();
                    Complete();
                }
            }
        }

        bool TryTake(out ScanItem item)
        {
            lock (gate)
            {
                var next = failure is null && walk.MoveNext();
                item = next ? walk.Current : default!;
                return next;
            }
        }

        void Complete()
        {
            if (failure is OperationCanceledException)
            {
                done.SetCanceled(token);
            }
            else if (failure is not null)
            {
                done.SetException(failure);
            }
            else
            {
                done.SetResult();
            }
        }
    }
}
