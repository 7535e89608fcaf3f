using System.Collections.Concurrent;
using Lanyard.Core.Audit;
using Lanyard.Core.Policy;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Policy;

/// <summary>
/// The policy in force in an environment, for the issuance paths: read inside their own context
/// and parsed once per applied text, so asking costs one indexed lookup.
/// </summary>
internal static class Policies
{
    // Keyed by digest: an applied text never changes, so its parse never goes stale.
    private static readonly ConcurrentDictionary<string, EnvironmentPolicy> Parsed = new(StringComparer.Ordinal);

    // Read on every issuance, so that an applied policy holds at once; compiled, it costs one indexed read.
    private static readonly CompiledQuery<Func<LanyardDbContext, string, CancellationToken, Task<string?>>>
        CurrentDigest = new(() => EF.CompileAsyncQuery((LanyardDbContext db, string environment, CancellationToken _) =>
            db.PolicyVersions.AsNoTracking()
                .Where(p => p.Environment == environment)
                .OrderByDescending(p => p.Version)
                .Select(p => p.Digest)
                .FirstOrDefault()));

    /// <summary>The environment's policy in force, or null when none was ever applied (the defaults hold).</summary>
    public static async Task<EnvironmentPolicy?> CurrentAsync(LanyardDbContext db, string environment, CancellationToken cancellationToken)
    {
        var digest = await CurrentDigest.For(db)(db, environment, cancellationToken);
        if (digest is null)
        {
            return null;
        }

        if (Parsed.TryGetValue(digest, out var cached))
        {
            return cached;
        }

        var text = await db.PolicyVersions.AsNoTracking()
            .Where(p => p.Environment == environment && p.Digest == digest)
            .Select(p => p.Text)
            .FirstAsync(cancellationToken);
        return Remember(digest, text);
    }

    /// <summary>The parse of a stored policy text, which was valid when it was applied.</summary>
    public static EnvironmentPolicy Remember(string digest, string text)
    {
        var read = PolicyReader.Read(text);
        var policy = read.Policy
            ?? throw new InvalidOperationException($"The stored policy {digest} no longer reads: {string.Join("; ", read.Errors)}");
        return Parsed.GetOrAdd(digest, policy);
    }

    /// <summary>The audit event of an issuance the policy refused.</summary>
    public static AuditEntry Refused(Actor actor, string action, string target, PolicyRefusal refusal) =>
        new(actor, action, target, AuditOutcome.Refused)
        {
            Detail = new Dictionary<string, object?>
            {
                ["environment"] = refusal.Environment,
                ["rule"] = refusal.Rule,
                ["reason"] = refusal.Detail,
                ["field"] = refusal.Field,
            },
        };
}
