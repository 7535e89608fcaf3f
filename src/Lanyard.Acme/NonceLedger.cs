using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Lanyard.Acme;

/// <summary>
/// Anti-replay nonces (RFC 8555 section 6.5): 128 random bits each, accepted once and only while
/// young. Held in memory, so a client that reaches another replica, or a restarted server, gets a
/// <c>badNonce</c> with a fresh nonce and retries, as RFC 8555 clients do.
/// </summary>
public sealed class NonceLedger(TimeProvider time)
{
    /// <summary>How long an unused nonce stays good.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The most nonces held; the oldest are dropped first when more are handed out.</summary>
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>A new nonce, good once.</summary>
    public string Issue()
    {
        var nonce = Base64Url.Encode(RandomNumberGenerator.GetBytes(16));
        _issued[nonce] = time.GetUtcNow() + Lifetime;
        _order.Enqueue(nonce);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _issued.TryRemove(oldest, out _);
        }

        return nonce;
    }

    /// <summary>Whether the nonce was handed out, is unused and young; it is used up either way.</summary>
    public bool TryConsume(string? nonce) =>
        nonce is not null && _issued.TryRemove(nonce, out var expires) && time.GetUtcNow() < expires;
}
