using System.Text;
using Lanyard.Core;
using Lanyard.Core.Audit;
using Lanyard.Core.Inventory;
using Lanyard.Pki;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Pki;

public sealed partial class EnvironmentCaStore
{
    /// <summary>
    /// How long a retired intermediate is kept at the least, even with no leaf: other replicas may
    /// still sign with it until they notice the change (<see cref="RecheckInterval"/>).
    /// </summary>
    public static readonly TimeSpan RetiredGrace = TimeSpan.FromMinutes(10);

    private const int ReplaceAttempts = 3;

    /// <summary>
    /// Replaces the environment's CA with an imported root (under which a fresh issuing
    /// intermediate is generated) or an imported intermediate. Refused with nothing changed when
    /// the import does not pass <see cref="CaImport"/>'s checks. The previous intermediate is
    /// retired: its leaves stay valid, its root stays in the bundle and its CRL is still signed.
    /// </summary>
    public async Task<Result<EnvironmentCa>> ImportAsync(
        string environment, CaImportSource source, string crlBaseUrl, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var imported = CaImport.Read(source, now);
        if (!imported.Succeeded)
        {
            await AuditedWrite.RecordAsync(store, time,
                new AuditEntry(actor, "ca.import", $"environment/{environment}", AuditOutcome.Refused)
            {
                Detail = new Dictionary<string, object?> { ["reason"] = imported.Problem!.Detail, ["field"] = imported.Problem.Field },
            }, cancellationToken);
            return imported.Problem!;
        }

        return await ChangeAsync(environment, crlBaseUrl, "ca.import", actor,
            ca => ca.WithImported(imported.Value!, crlBaseUrl, now), cancellationToken);
    }

    /// <summary>A new issuing intermediate under the environment's root, now; the current one is retired.</summary>
    public async Task<Result<EnvironmentCa>> RotateIntermediateAsync(
        string environment, string crlBaseUrl, Actor actor, CancellationToken cancellationToken = default)
    {
        var rotated = await ChangeAsync(environment, crlBaseUrl, "ca.rotate-intermediate", actor, ca => ca.HoldsRootKey
            ? ca.RenewIntermediate(time.GetUtcNow())
            : Problem.Conflict($"The root of environment {environment} is held outside Lanyard, so Lanyard can't sign a new "
                               + "intermediate: import the new intermediate with its chain instead."), cancellationToken);
        if (rotated.Problem is { Kind: ProblemKind.Conflict } refused)
        {
            await AuditedWrite.RecordAsync(store, time,
                new AuditEntry(actor, "ca.rotate-intermediate", $"environment/{environment}", AuditOutcome.Refused)
                {
                    Detail = new Dictionary<string, object?> { ["reason"] = refused.Detail },
                }, cancellationToken);
        }

        return rotated;
    }

    /// <summary>
    /// The lifecycle's work on one environment's CA: renews the issuing intermediate when it
    /// entered its renewal window, and drops retired intermediates whose last leaf has expired.
    /// </summary>
    public async Task<(bool Renewed, int Dropped)> MaintainAsync(string environment, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(environment, "", cancellationToken);
        if (!current.Succeeded)
        {
            return (false, 0);
        }

        var renewed = false;
        if (current.Value!.RenewalDue(time.GetUtcNow()))
        {
            var renewal = await ChangeAsync(environment, "", "ca.renew-intermediate", Actor.System,
                ca => ca.RenewalDue(time.GetUtcNow()) ? ca.RenewIntermediate(time.GetUtcNow()) : Problem.Conflict("renewed meanwhile"),
                cancellationToken);
            renewed = renewal.Succeeded;
            current = renewal.Succeeded ? renewal : current;
        }

        var drop = await RetiredWithoutLeavesAsync(current.Value!, cancellationToken);
        if (drop.Count > 0)
        {
            await ChangeAsync(environment, "", "ca.drop-retired-intermediate", Actor.System,
                ca => ca.Keeping(r => !drop.Contains(r.Id)), cancellationToken);
        }

        return (renewed, drop.Count);
    }

    private async Task<HashSet<string>> RetiredWithoutLeavesAsync(EnvironmentCa ca, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var drop = new HashSet<string>(StringComparer.Ordinal);
        await using var db = store.CreateContext();
        foreach (var retired in ca.Retired.Where(r => now >= r.RetiredAt + RetiredGrace))
        {
            var subject = retired.Issuer.Subject;
            var live = await db.Credentials.AsNoTracking().AnyAsync(c => c.Environment == ca.Environment
                && c.Kind == CredentialKind.Certificate && c.Source == CredentialSource.Issued && c.Issuer == subject
                && c.ExpiresAt != null && c.ExpiresAt > now, cancellationToken);
            if (!live)
            {
                drop.Add(retired.Id);
            }
        }

        return drop;
    }

    /// <summary>
    /// Applies a change to the stored CA and audits it in one transaction, only while the stored
    /// CA is still the one the change was computed from; another replica's change first means
    /// computing it again on the new one.
    /// </summary>
    private async Task<Result<EnvironmentCa>> ChangeAsync(
        string environment, string crlBaseUrl, string action, Actor actor, Func<EnvironmentCa, Result<EnvironmentCa>> change,
        CancellationToken cancellationToken)
    {
        var trustDomain = await TrustDomainAsync(environment, cancellationToken);
        if (trustDomain is null)
        {
            return Problem.NotFound("environment", environment);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < ReplaceAttempts; attempt++)
            {
                var before = await LoadAsync(environment, trustDomain, crlBaseUrl, cancellationToken);
                var expected = _cas[environment].Sealed;
                var after = change(before);
                if (!after.Succeeded)
                {
                    return after.Problem!;
                }

                await using var db = store.CreateContext();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var written = await secrets.TryReplaceAsync(
                    db, SecretName(environment), expected, Encoding.UTF8.GetBytes(after.Value!.Serialize()), cancellationToken);
                if (written is null)
                {
                    continue;
                }

                await AuditLog.AppendAsync(db, ChangeAudit(action, actor, before, after.Value!), time.GetUtcNow(), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                _cas[environment] = new CachedCa(after.Value!, written, time.GetUtcNow());
                return after;
            }

            return Problem.Conflict($"The CA of environment {environment} kept changing meanwhile; try again.");
        }
        finally
        {
            _gate.Release();
        }
    }

    private static AuditEntry ChangeAudit(string action, Actor actor, EnvironmentCa before, EnvironmentCa after) =>
        new(actor, action, $"environment/{after.Environment}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["origin"] = after.Origin.ToString(),
                ["root"] = KeyFacts.Of(after.Root.PublicKey).Fingerprint,
                ["intermediate"] = KeyFacts.Of(after.Intermediate.PublicKey).Fingerprint,
                ["intermediateSubject"] = after.Intermediate.Subject,
                ["notAfter"] = new DateTimeOffset(after.Intermediate.NotAfter),
                ["previousIntermediate"] = KeyFacts.Of(before.Intermediate.PublicKey).Fingerprint,
                ["retired"] = after.Retired.Count,
            },
        };
}
