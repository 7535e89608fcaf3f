using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Lanyard.Store.Issuance;
using Lanyard.Store.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Lifecycle;

/// <summary>
/// Finds due lifecycle work in batches and does each item in its own transaction after claiming
/// its row: predecessors whose overlap window ended are revoked, issued credentials past expiry
/// are marked expired, credentials past their environment's rotation age are rotated, and signing
/// keys due for rollover get their successor. Every item is re-checked once claimed, so a sweep
/// running beside another one, or after a crash, never does a piece of work twice.
/// </summary>
public sealed class LifecycleSweeper(StoreFactory store, CredentialRotator rotator, SigningKeyStore keys, TimeProvider time)
{
    public const int DefaultBatchSize = 100;

    /// <summary>Credentials that live less than this are renewed by their workloads; their owners get no expiry notice.</summary>
    public static readonly TimeSpan NoticeMinimumLifetime = TimeSpan.FromDays(1);

    /// <summary>Why a rotated predecessor was revoked, as owners and the audit trail read it.</summary>
    public const string OverlapEndedReason = "rotated; the overlap window with its successor ended";

    public int BatchSize { get; init; } = DefaultBatchSize;

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var retired = await RetireEndedOverlapsAsync(cancellationToken);
        var expired = await ExpireAsync(cancellationToken);
        var rotated = await RotateDueAsync(cancellationToken);
        var noticed = await NoticeExpiringAsync(cancellationToken);
        var scheduled = await keys.ScheduleRolloversAsync(cancellationToken);
        var more = retired.Full || expired.Full || rotated.Full || noticed.Full;
        return new SweepResult(rotated.Done, retired.Done, expired.Done, scheduled, more) { ExpiryNotices = noticed.Done };
    }

    private async Task<(int Done, bool Full)> RetireEndedOverlapsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await FindAsync(c => c.State == CredentialState.Active && c.RetiresAt != null && c.RetiresAt <= now, cancellationToken);
        var done = 0;
        foreach (var id in due)
        {
            done += await ClaimAndApplyAsync(id, async (db, credential, at) =>
            {
                if (credential.State != CredentialState.Active || !(credential.RetiresAt <= at))
                {
                    return null;
                }

                credential.State = CredentialState.Revoked;
                credential.UpdatedAt = at;
                var successor = credential.SupersededById?.ToString();
                await WebhookOutbox.EnqueueAsync(db, WebhookOutbox.Revoked, credential, at,
                    new Dictionary<string, string?> { ["reason"] = OverlapEndedReason, ["successor"] = successor }, cancellationToken);
                var audit = StateAudit("credential.retire", credential, successor);
                return audit with { Detail = new Dictionary<string, object?>(audit.Detail!) { ["reason"] = OverlapEndedReason } };
            }, cancellationToken) ? 1 : 0;
        }

        return (done, due.Count == BatchSize);
    }

    private async Task<(int Done, bool Full)> ExpireAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await FindAsync(c => c.State == CredentialState.Active && c.ExpiresAt != null && c.ExpiresAt <= now, cancellationToken);
        var done = 0;
        foreach (var id in due)
        {
            done += await ClaimAndApplyAsync(id, (_, credential, at) =>
            {
                if (credential.State != CredentialState.Active || !(credential.ExpiresAt <= at))
                {
                    return Task.FromResult<AuditEntry?>(null);
                }

                credential.State = CredentialState.Expired;
                credential.UpdatedAt = at;
                return Task.FromResult<AuditEntry?>(StateAudit("credential.expire", credential, null));
            }, cancellationToken) ? 1 : 0;
        }

        return (done, due.Count == BatchSize);
    }

    private async Task<(int Done, bool Full)> RotateDueAsync(CancellationToken cancellationToken)
    {
        List<DeploymentEnvironment> environments;
        await using (var db = store.CreateContext())
        {
            environments = await db.Environments.AsNoTracking().ToListAsync(cancellationToken);
        }

        var done = 0;
        var full = false;
        foreach (var environment in environments)
        {
            foreach (var kind in (CredentialKind[])[CredentialKind.ApiKey, CredentialKind.ClientSecret])
            {
                var (rotated, batchFull) = await RotateDueAsync(environment, kind, cancellationToken);
                done += rotated;
                full |= batchFull;
            }
        }

        return (done, full);
    }

    /// <summary>
    /// Rotates one kind in one environment at the age its policy sets. A kind the policy forbids
    /// is not rotated: a successor would be refused, and posture reports the credentials instead.
    /// </summary>
    private async Task<(int Done, bool Full)> RotateDueAsync(
        DeploymentEnvironment environment, CredentialKind kind, CancellationToken cancellationToken)
    {
        Core.Policy.EnvironmentPolicy? policy;
        await using (var db = store.CreateContext())
        {
            policy = await Policy.Policies.CurrentAsync(db, environment.Name, cancellationToken);
        }

        var policyKind = CredentialRotator.PolicyKind(kind);
        if (policy is not null && !policy.For(policyKind).Allowed)
        {
            return (0, false);
        }

        var rotateAfter = Core.Policy.PolicySettings.RotateAfter(policy, policyKind, environment);
        var now = time.GetUtcNow();
        var cutoff = now - rotateAfter;
        var due = await FindAsync(c => c.Environment == environment.Name && c.Kind == kind
            && c.State == CredentialState.Active && c.SupersededById == null
            && c.CreatedAt <= cutoff && c.ExpiresAt > now, cancellationToken);
        var done = 0;
        foreach (var id in due)
        {
            done += await ClaimAndApplyAsync(id, async (db, credential, at) =>
            {
                if (!CredentialRotator.IsDue(credential, rotateAfter, at))
                {
                    return null;
                }

                var (rotated, audit) = await rotator.RotateClaimedAsync(db, credential, null, Actor.System,
                    automatic: true, cancellationToken);
                return rotated is null ? null : audit;
            }, cancellationToken) ? 1 : 0;
        }

        return (done, due.Count == BatchSize);
    }

    /// <summary>
    /// Tells owners, once per credential, that an issued credential entered its renewal window:
    /// the environment's, or the last third of its lifetime when that is shorter, as the expiring
    /// finding says. A credential already rotated needs no notice: its successor takes over. Nor
    /// does one that lives less than a day (an SVID, a token): its workload renews it, and its
    /// expiry is the design, not news.
    /// </summary>
    private async Task<(int Done, bool Full)> NoticeExpiringAsync(CancellationToken cancellationToken)
    {
        List<DeploymentEnvironment> environments;
        await using (var db = store.CreateContext())
        {
            environments = await db.Environments.AsNoTracking().ToListAsync(cancellationToken);
        }

        var done = 0;
        var full = false;
        foreach (var environment in environments)
        {
            var now = time.GetUtcNow();
            var window = TimeSpan.FromDays(environment.RenewalWindowDays);
            var horizon = now + window;
            var due = await FindAsync(c => c.Environment == environment.Name
                && c.State == CredentialState.Active && c.SupersededById == null && c.ExpiryNotifiedAt == null
                && c.ExpiresAt != null && c.ExpiresAt > now && c.ExpiresAt <= horizon, cancellationToken,
                db => InLastThirdOfLongLife(db, now));
            full |= due.Count == BatchSize;
            foreach (var id in due)
            {
                done += await ClaimAndApplyAsync(id, async (db, credential, at) =>
                {
                    if (credential.ExpiryNotifiedAt is not null || credential.SupersededById is not null
                        || credential.State != CredentialState.Active
                        || credential.ExpiresAt is not { } expires || expires <= at
                        || expires - credential.CreatedAt < NoticeMinimumLifetime
                        || expires > at + TimeSpan.FromTicks(Math.Min(window.Ticks, (expires - credential.CreatedAt).Ticks / 3)))
                    {
                        return null;
                    }

                    credential.ExpiryNotifiedAt = at;
                    await WebhookOutbox.EnqueueAsync(db, WebhookOutbox.Expiring, credential, at, null, cancellationToken);
                    return StateAudit("credential.expiry-notice", credential, null);
                }, cancellationToken) ? 1 : 0;
            }
        }

        return (done, full);
    }

    /// <summary>Credentials living at least a day and in the last third of their lifetime, as SQL both stores run.</summary>
    /// <remarks>
    /// EF translates no arithmetic between two timestamps, so this is written by hand: SQLite holds
    /// them as UTC ticks, PostgreSQL as timestamptz, and the same expression reads right in both.
    /// </remarks>
    private static IQueryable<Credential> InLastThirdOfLongLife(LanyardDbContext db, DateTimeOffset now)
    {
        var postgres = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        object at = postgres ? now.ToUniversalTime() : now.UtcTicks;
        object day = postgres ? NoticeMinimumLifetime : NoticeMinimumLifetime.Ticks;
        return db.Credentials.FromSqlRaw(
            """SELECT * FROM credentials WHERE "ExpiresAt" - ("ExpiresAt" - "CreatedAt") / 3 <= {0} AND "ExpiresAt" - "CreatedAt" >= {1}""",
            at, day);
    }

    private async Task<List<CredentialId>> FindAsync(
        System.Linq.Expressions.Expression<Func<Credential, bool>> due, CancellationToken cancellationToken,
        Func<LanyardDbContext, IQueryable<Credential>>? source = null)
    {
        await using var db = store.CreateContext();
        return await (source?.Invoke(db) ?? db.Credentials).AsNoTracking()
            .Where(c => c.Source == CredentialSource.Issued)
            .Where(due)
            .OrderBy(c => c.CreatedAt)
            .Select(c => c.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One item in one transaction: claim the row, let <paramref name="apply"/> re-check and change
    /// it (null: no longer due), append the audit event, commit. False when skipped.
    /// </summary>
    private async Task<bool> ClaimAndApplyAsync(
        CredentialId id, Func<LanyardDbContext, Credential, DateTimeOffset, Task<AuditEntry?>> apply,
        CancellationToken cancellationToken)
    {
        try
        {
            await using var db = store.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var credential = await RowClaims.CredentialAsync(db, id, skipLocked: true, cancellationToken);
            var now = time.GetUtcNow();
            if (credential is null || await apply(db, credential, now) is not { } audit)
            {
                return false;
            }

            await AuditLog.AppendAsync(db, audit, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique successor index refused a second successor: another worker won.
            return false;
        }
    }

    private static AuditEntry StateAudit(string action, Credential credential, string? successor) =>
        new(Actor.System, action, $"credential/{credential.Id}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["environment"] = credential.Environment,
                ["kind"] = credential.Kind.ToString(),
                ["fingerprint"] = credential.Fingerprint,
                ["successor"] = successor,
            },
        };
}
