namespace Lanyard.Core.Discovery;

/// <summary>
/// The bookkeeping of merging one kind of entity: lookup by external key, and what was added or changed.
/// </summary>
internal sealed class MergeRun<T>
    where T : class
{
    private readonly Action<T, DateTimeOffset> _stamp;

    public MergeRun(IEnumerable<T> existing, Func<T, string?> externalKey, Action<T, DateTimeOffset> stamp)
    {
        _stamp = stamp;
        foreach (var entity in existing)
        {
            if (externalKey(entity) is { } key)
            {
                ByKey[key] = entity;
            }
        }
    }

    public Dictionary<string, T> ByKey { get; } = new(StringComparer.Ordinal);

    public HashSet<string> SeenKeys { get; } = new(StringComparer.Ordinal);

    public List<T> Added { get; } = [];

    public List<T> Changed { get; } = [];

    /// <summary>Records that the batch lists <paramref name="externalKey"/>; a batch lists each key once.</summary>
    public void See(string externalKey)
    {
        if (!SeenKeys.Add(externalKey))
        {
            throw new ArgumentException(
                $"The batch lists the external key '{externalKey}' twice.", nameof(externalKey));
        }
    }

    public void Add(string externalKey, T entity)
    {
        ByKey[externalKey] = entity;
        Added.Add(entity);
    }

    public void Update(T entity, bool changed, DateTimeOffset now)
    {
        if (!changed)
        {
            return;
        }

        _stamp(entity, now);
        Changed.Add(entity);
    }
}