using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Discovery.Probes;
using Lanyard.Store.Audit;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Probes;

public sealed partial class EndpointWatch
{
    /// <summary>
    /// Records what a probe saw: the endpoint's problems or why it did not answer, and the
    /// certificate it presented as the endpoint's observed credential, created on the first
    /// answer and updated (and audited) whenever the endpoint presents another certificate.
    /// </summary>
    public async Task RecordAsync(Guid endpointId, TlsProbeResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = time.GetUtcNow();
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var endpoint = await db.WatchedEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
        if (endpoint is null)
        {
            return;
        }

        endpoint.LastProbedAt = now;
        if (result.Error is not null)
        {
            endpoint.LastError = result.Error.Length > 1000 ? result.Error[..1000] : result.Error;
            endpoint.UnreachableSince ??= now;
        }
        else
        {
            endpoint.LastError = null;
            endpoint.UnreachableSince = null;
            endpoint.Problems = [.. result.Problems.Select(p => new ProbeProblem(p.Kind, p.Detail))];
            if (await ObserveAsync(db, endpoint, result, now, cancellationToken) is { } audit)
            {
                await AuditLog.AppendAsync(db, audit, now, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<AuditEntry?> ObserveAsync(
        LanyardDbContext db, WatchedEndpoint endpoint, TlsProbeResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var credential = endpoint.CredentialId is { } id
            ? await db.Credentials.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            : null;
        if (credential is not null && credential.Fingerprint == result.Fingerprint && credential.SerialNumber == result.SerialNumber)
        {
            return null;
        }

        if (credential is null)
        {
            credential = new Credential
            {
                Environment = endpoint.Environment,
                IdentityId = endpoint.IdentityId,
                Name = $"TLS certificate at {endpoint.Target}",
                Kind = CredentialKind.Certificate,
                Source = CredentialSource.Probe,
                Origin = $"probe of {endpoint.Target}",
                ExternalKey = $"probe:{endpoint.Target}",
                CreatedAt = now,
            };
            db.Credentials.Add(credential);
            endpoint.CredentialId = credential.Id;
        }

        credential.Fingerprint = result.Fingerprint;
        credential.SerialNumber = result.SerialNumber;
        credential.KeyAlgorithm = result.KeyAlgorithm;
        credential.KeySize = result.KeySize;
        credential.SignatureAlgorithm = result.SignatureAlgorithm;
        credential.Subject = result.Subject;
        credential.Issuer = result.Issuer;
        credential.SubjectAlternativeNames = [.. result.DnsNames, .. result.Uris];
        credential.ExpiresAt = result.NotAfter;
        credential.State = result.NotAfter <= now ? CredentialState.Expired : CredentialState.Active;
        credential.UpdatedAt = now;
        return new AuditEntry(Actor.System, "credential.observe", $"credential/{credential.Id}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["target"] = endpoint.Target,
                ["fingerprint"] = credential.Fingerprint,
                ["serial"] = credential.SerialNumber,
                ["expiresAt"] = credential.ExpiresAt,
            },
        };
    }
}
