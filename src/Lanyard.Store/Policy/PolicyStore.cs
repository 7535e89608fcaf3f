using System.Security.Cryptography;
using System.Text;
using Lanyard.Core;
using Lanyard.Core.Policy;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Policy;

/// <summary>
/// Environments' policies, versioned: applying a file validates it, stores it as the next
/// version, sets the environment's lifecycle thresholds from it and audits the change, all in one
/// transaction. Nothing is stored when the file is invalid or names another environment.
/// </summary>
public sealed class PolicyStore(StoreFactory store, TimeProvider time)
{
    public const int MaxHistory = 500;

    /// <summary>
    /// How long the hot paths (the token endpoint, JWT-SVIDs) reuse the policy they last read. A
    /// policy applied here is in force at once; one applied on another replica, within this long.
    /// </summary>
    public static readonly TimeSpan ReadAgainAfter = TimeSpan.FromSeconds(1);

    // Per environment: the policy in force (null: none) and when it was read, in milliseconds of
    // the monotonic clock, which no test clock moves.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long ReadAt, EnvironmentPolicy? Policy)> _recent =
        new(StringComparer.Ordinal);

    /// <summary>Applies a policy file; the same text as the version in force changes nothing and is no new version.</summary>
    public async Task<Result<AppliedPolicy>> ApplyAsync(
        string environment, string text, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(actor);
        if (Check(environment, text) is { Problem: { } invalid })
        {
            return invalid;
        }

        var policy = PolicyReader.Read(text).Policy!;
        var digest = Digest(text);
        if (await CurrentAsync(environment, cancellationToken) is { Value: { } same } && same.Digest == digest)
        {
            return new AppliedPolicy(same, [], Created: false);
        }

        try
        {
            return await WriteAsync(environment, text, policy, digest, actor, cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problem.Conflict($"Another policy of '{environment}' was applied at the same moment; show it and apply again.");
        }
        finally
        {
            _recent.TryRemove(environment, out _);
        }
    }

    private Task<Result<AppliedPolicy>> WriteAsync(
        string environment, string text, EnvironmentPolicy policy, string digest, Actor actor, CancellationToken cancellationToken) =>
        AuditedWrite.RunAsync<AppliedPolicy>(store, time, async db =>
        {
            var target = await db.Environments.SingleOrDefaultAsync(e => e.Name == environment, cancellationToken);
            if (target is null)
            {
                return Problem.NotFound("environment", environment);
            }

            // Locks nothing on its own: the primary key on (environment, version) refuses a second
            // writer of the same version, which then fails as a conflict.
            var current = await db.PolicyVersions.Where(p => p.Environment == environment)
                .OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
            var previous = current is null ? null : Policies.Remember(current.Digest, current.Text);
            var changes = PolicySettings.Compare(previous, policy);
            var version = new PolicyVersion
            {
                Environment = environment,
                Version = (current?.Version ?? 0) + 1,
                Text = text,
                Digest = digest,
                AppliedAt = time.GetUtcNow(),
                AppliedBy = actor.Name,
            };
            db.PolicyVersions.Add(version);
            PolicySettings.ApplyTo(policy, target);
            return (new AppliedPolicy(version, changes, Created: true), new AuditEntry(actor, "policy.apply", $"environment/{environment}")
            {
                Detail = new Dictionary<string, object?>
                {
                    ["version"] = version.Version,
                    ["digest"] = digest,
                    ["changes"] = string.Join(", ", changes.Select(c => c.Key)),
                },
            });
        }, cancellationToken);

    /// <summary>What applying <paramref name="text"/> would change, without changing anything.</summary>
    public async Task<Result<IReadOnlyList<PolicyChange>>> DiffAsync(string environment, string text,
        CancellationToken cancellationToken = default)
    {
        if (Check(environment, text) is { Problem: { } invalid })
        {
            return invalid;
        }

        await using var db = store.CreateContext();
        if (!await db.Environments.AnyAsync(e => e.Name == environment, cancellationToken))
        {
            return Problem.NotFound("environment", environment);
        }

        var current = await Policies.CurrentAsync(db, environment, cancellationToken);
        return Result<IReadOnlyList<PolicyChange>>.Ok(PolicySettings.Compare(current, PolicyReader.Read(text).Policy!));
    }

    /// <summary>The version in force; a not-found problem when the environment has none and runs on the defaults.</summary>
    public async Task<Result<PolicyVersion>> CurrentAsync(string environment, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        if (!await db.Environments.AnyAsync(e => e.Name == environment, cancellationToken))
        {
            return Problem.NotFound("environment", environment);
        }

        var current = await db.PolicyVersions.AsNoTracking().Where(p => p.Environment == environment)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        return current is null
            ? new Problem(ProblemKind.NotFound, $"Environment '{environment}' has no policy; it runs on the defaults.")
            : current;
    }

    /// <summary>Every version applied to the environment, newest first.</summary>
    public async Task<Result<IReadOnlyList<PolicyVersion>>> HistoryAsync(string environment, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        if (!await db.Environments.AnyAsync(e => e.Name == environment, cancellationToken))
        {
            return Problem.NotFound("environment", environment);
        }

        var versions = await db.PolicyVersions.AsNoTracking().Where(p => p.Environment == environment)
            .OrderByDescending(p => p.Version).Take(MaxHistory).ToListAsync(cancellationToken);
        return versions;
    }

    /// <summary>
    /// The policy in force in the environment, parsed; null when it has none. Read again from the
    /// database once <see cref="ReadAgainAfter"/> has passed since the last read.
    /// </summary>
    public async Task<EnvironmentPolicy?> PolicyAsync(string environment, CancellationToken cancellationToken = default)
    {
        var now = System.Environment.TickCount64;
        if (_recent.TryGetValue(environment, out var recent) && now - recent.ReadAt < (long)ReadAgainAfter.TotalMilliseconds)
        {
            return recent.Policy;
        }

        await using var db = store.CreateContext();
        var policy = await Policies.CurrentAsync(db, environment, cancellationToken);
        _recent[environment] = (now, policy);
        return policy;
    }

    /// <summary>Audits an issuance the policy refused, for paths outside the store.</summary>
    public Task RecordRefusalAsync(Actor actor, string action, string target, PolicyRefusal refusal,
        CancellationToken cancellationToken = default) =>
        AuditedWrite.RecordAsync(store, time, Policies.Refused(actor, action, target, refusal), cancellationToken);

    /// <summary>
    /// Reads a policy file for <paramref name="environment"/>: its errors with their lines, or a
    /// problem when it governs another environment.
    /// </summary>
    public static (PolicyReadResult Read, Problem? Problem) Check(string environment, string text)
    {
        var read = PolicyReader.Read(text ?? string.Empty);
        if (!read.Succeeded)
        {
            return (read, Problem.Invalid("policy", "The policy file is not valid: " + string.Join("; ", read.Errors)));
        }

        return read.Policy!.Environment == environment
            ? (read, null)
            : (read, Problem.Invalid("environment",
                $"The policy file governs environment '{read.Policy.Environment}', not '{environment}'."));
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
