using System.Text;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Core.Keys;
using Lanyard.Core.Policy;
using Lanyard.Store.Audit;
using Lanyard.Store.Issuance;
using Lanyard.Store.Policy;
using Lanyard.Store.Sealing;
using Lanyard.Store.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Lifecycle;

/// <summary>
/// Rotates issued API keys and client secrets: a successor is issued, both are valid for the
/// overlap window, then the predecessor retires. The successor's insert, the predecessor's change
/// and the audit event commit together, and the unique index on the successor's
/// <see cref="Credential.RotatedFromId"/> makes a second successor impossible.
/// </summary>
public sealed class CredentialRotator(StoreFactory store, Sealer sealer, TimeProvider time)
{
    public static readonly TimeSpan MaximumOverlap = TimeSpan.FromDays(30);

    /// <summary>Rotates by hand; <paramref name="overlap"/> overrides the environment's window.</summary>
    public async Task<Result<RotatedSecret>> RotateAsync(
        CredentialId id, TimeSpan? overlap, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (overlap is { } window && (window < TimeSpan.Zero || window > MaximumOverlap))
        {
            return Problem.Invalid("overlap", $"An overlap window lasts from 0 to 30 days; {Durations.Format(window)} does not.");
        }

        try
        {
            await using var db = store.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var credential = await RowClaims.CredentialAsync(db, id, skipLocked: false, cancellationToken);
            if (credential is null)
            {
                return Problem.NotFound("credential", id.ToString());
            }

            if (CheckRotatable(credential, time.GetUtcNow()) is { } refused)
            {
                return refused;
            }

            var (rotated, audit) = await RotateClaimedAsync(db, credential, overlap, actor, automatic: false, cancellationToken);
            if (rotated is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                await AuditedWrite.RecordAsync(store, time, audit, cancellationToken);
                return new Problem(ProblemKind.Forbidden, (string)audit.Detail!["reason"]!, (string?)audit.Detail["field"]);
            }

            await AuditLog.AppendAsync(db, audit, time.GetUtcNow(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rotated;
        }
        catch (DbUpdateException)
        {
            return Problem.Conflict("The credential was rotated at the same moment by another request.");
        }
    }

    /// <summary>Whether the lifecycle worker should rotate this credential now, at <paramref name="rotateAfter"/> of age.</summary>
    internal static bool IsDue(Credential credential, TimeSpan rotateAfter, DateTimeOffset now) =>
        CheckRotatable(credential, now) is null && credential.CreatedAt <= now - rotateAfter;

    /// <summary>The policy's kind of an API key or client secret.</summary>
    internal static PolicyCredentialKind PolicyKind(CredentialKind kind) =>
        kind == CredentialKind.ApiKey ? PolicyCredentialKind.ApiKey : PolicyCredentialKind.ClientSecret;

    /// <summary>
    /// Issues the successor of a credential the caller has claimed and checked, inside the caller's
    /// transaction, and returns the audit entry to append to it. When the environment's policy
    /// refuses the successor, nothing changes and the rotation is null with the refusal's audit entry.
    /// </summary>
    internal async Task<(RotatedSecret? Rotated, AuditEntry Audit)> RotateClaimedAsync(
        LanyardDbContext db, Credential predecessor, TimeSpan? overlap, Actor actor, bool automatic,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var environment = await db.Environments.AsNoTracking().SingleAsync(e => e.Name == predecessor.Environment, cancellationToken);
        var policy = await Policies.CurrentAsync(db, predecessor.Environment, cancellationToken);
        var kind = PolicyKind(predecessor.Kind);
        var longestOverlap = PolicySettings.Overlap(policy, kind, environment);
        var window = overlap ?? longestOverlap;
        var identityName = await db.Identities.AsNoTracking().Where(i => i.Id == predecessor.IdentityId)
            .Select(i => i.Name).FirstOrDefaultAsync(cancellationToken);
        var decision = PolicyEvaluator.Evaluate(policy,
            new IssuanceRequest(kind, identityName ?? predecessor.Name, PredecessorLifetime(predecessor)));
        var refusal = decision.Refusal ?? (policy is not null && window > longestOverlap
            ? new PolicyRefusal(policy.Environment, OverlapRule(policy, kind),
                $"{OverlapRule(policy, kind)} is {Durations.Format(longestOverlap)}; {Durations.Format(window)} was asked for", "overlap")
            : null);
        if (refusal is not null)
        {
            return (null, Policies.Refused(actor, "credential.rotate", $"credential/{predecessor.Id}", refusal));
        }

        var secret = LanyardKeyFormat.Create(predecessor.Environment);
        var successor = NewSuccessor(predecessor, secret, decision.Lifetime, now);
        if (automatic)
        {
            // Nobody is there to be shown an automatically issued secret: it is sealed so the
            // owner can reveal it (audited) and roll it out within the overlap window.
            successor.SealedValue = sealer.Seal(Encoding.UTF8.GetBytes(secret), $"credential/{successor.Id}");
        }

        var retiresAt = now + window;
        predecessor.SupersededById = successor.Id;
        predecessor.RetiresAt = predecessor.ExpiresAt is { } expires && expires < retiresAt ? expires : retiresAt;
        predecessor.LastRotatedAt = now;
        predecessor.UpdatedAt = now;
        if (window == TimeSpan.Zero)
        {
            predecessor.State = CredentialState.Revoked;
        }

        db.Credentials.Add(successor);
        await WebhookOutbox.EnqueueAsync(db, WebhookOutbox.Rotated, predecessor, now, new Dictionary<string, string?>
        {
            ["successor"] = successor.Id.ToString(),
            ["retiresAt"] = predecessor.RetiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["automatic"] = automatic ? "true" : "false",
        }, cancellationToken);
        var audit = new AuditEntry(actor, "credential.rotate", $"credential/{predecessor.Id}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["environment"] = predecessor.Environment,
                ["kind"] = predecessor.Kind.ToString(),
                ["successor"] = successor.Id.ToString(),
                ["successorFingerprint"] = successor.Fingerprint,
                ["retiresAt"] = predecessor.RetiresAt,
                ["automatic"] = automatic,
            },
        };
        return (new RotatedSecret(successor, predecessor, secret), audit);
    }

    private static Problem? CheckRotatable(Credential credential, DateTimeOffset now)
    {
        if (credential.Source == CredentialSource.Issued && credential.Kind == CredentialKind.Certificate)
        {
            return Problem.Conflict(
                "Certificates are renewed, not rotated: issue a new one for the same names (lanyard cert issue), or let the agent or "
                + "the ACME client renew it, then revoke this one.");
        }

        if (credential.Source != CredentialSource.Issued
            || credential.Kind is not (CredentialKind.ApiKey or CredentialKind.ClientSecret))
        {
            return Problem.Conflict("Lanyard rotates the API keys and client secrets it issued; rotate this credential at its source.");
        }

        if (credential.SupersededById is { } successor)
        {
            return Problem.Conflict($"The credential was already rotated; its successor is {successor}.");
        }

        if (credential.State != CredentialState.Active || credential.ExpiresAt <= now)
        {
            return Problem.Conflict(
                $"The credential is "
                    + $"{(credential.ExpiresAt <= now ? "expired" : credential.State.ToString().ToLowerInvariant())}; "
                    + $"issue a new one instead.");
        }

        return null;
    }

    private static string OverlapRule(EnvironmentPolicy policy, PolicyCredentialKind kind) =>
        policy.For(kind).Overlap is null ? "overlap" : $"credentials.{PolicyKinds.Name(kind)}.overlap";

    /// <summary>A successor lives as long as its predecessor did, within what issuance allows.</summary>
    private static TimeSpan PredecessorLifetime(Credential predecessor)
    {
        var lifetime = predecessor.ExpiresAt is { } expires ? expires - predecessor.CreatedAt : IssuancePolicy.DefaultClientSecretLifetime;
        return TimeSpan.FromTicks(Math.Clamp(lifetime.Ticks, IssuancePolicy.MinimumLifetime.Ticks, IssuancePolicy.MaximumLifetime.Ticks));
    }

    private static Credential NewSuccessor(Credential predecessor, string secret, TimeSpan lifetime, DateTimeOffset now)
    {
        return new Credential
        {
            IdentityId = predecessor.IdentityId,
            Environment = predecessor.Environment,
            Name = predecessor.Name,
            Kind = predecessor.Kind,
            Source = CredentialSource.Issued,
            Origin = predecessor.Origin,
            KeyId = predecessor.KeyId,
            Fingerprint = SecretHash.Of(secret),
            UsageTracked = true,
            RotatedFromId = predecessor.Id,
            LastRotatedAt = now,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            UpdatedAt = now,
        };
    }
}
