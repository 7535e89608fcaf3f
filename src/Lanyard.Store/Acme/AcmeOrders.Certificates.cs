using System.Security.Cryptography.X509Certificates;
using Lanyard.Acme;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Pki;
using Lanyard.Store.Audit;
using Lanyard.Store.Pki;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Acme;

public sealed partial class AcmeOrders
{
    /// <summary>RFC 5280 reason codes a subscriber may give (RFC 8555 section 7.6); the rest are the CA's to use.</summary>
    private static readonly Dictionary<int, string> RevocationReasons = new()
    {
        [0] = "unspecified", [1] = "keyCompromise", [3] = "affiliationChanged", [4] = "superseded", [5] = "cessationOfOperation",
    };

    /// <summary>
    /// Issues the order's certificate for the CSR through the environment's issuance path (so it
    /// lands in the inventory for the account's identity, audited and subject to policy), and marks
    /// the certificate it renews as superseded by it.
    /// </summary>
    public async Task<AcmeOrder> FinalizeAsync(
        AcmeAccount account, AcmeOrder order, string csrPem, string crlBaseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(order);
        await using (var claim = store.CreateContext())
        {
            var claimed = await claim.AcmeOrders.Where(o => o.Id == order.Id && o.Status == AcmeStatus.Ready)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, AcmeStatus.Processing), cancellationToken);
            if (claimed == 0)
            {
                throw new AcmeProblemException(AcmeProblem.OrderNotReady(
                    $"The order is {order.Status.ToString().ToLowerInvariant()}; only a ready order can be finalized."));
            }
        }

        IssuedCertificate issued;
        try
        {
            var result = await issuer.IssueServerAsync(account.IdentityId, new CertificateOrder(order.Names, csrPem, null, crlBaseUrl),
                AcmeAccounts.ActorOf(account), cancellationToken);
            issued = result.Succeeded ? result.Value! : throw new AcmeProblemException(Refusal(result.Problem!));
        }
        catch
        {
            await using var release = store.CreateContext();
            await release.AcmeOrders.Where(o => o.Id == order.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, AcmeStatus.Ready), CancellationToken.None);
            throw;
        }

        return await CompleteAsync(account, order, issued, cancellationToken);
    }

    /// <summary>
    /// Revokes an issued certificate of this environment, as asked by the account bound to its
    /// identity or by the holder of its key; the CRL lists it from then on.
    /// </summary>
    public async Task RevokeAsync(
        string environment, X509Certificate2 certificate, int? reason, AcmeAccount? account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (reason is { } code && !RevocationReasons.ContainsKey(code))
        {
            throw new AcmeProblemException(AcmeProblem.BadRevocationReason(
                $"Reason code {code} is not one a subscriber may give; use 0, 1, 3, 4 or 5."));
        }

        var credential = await FindIssuedAsync(environment, certificate, cancellationToken)
            ?? throw new AcmeProblemException(AcmeProblem.NotFound("Lanyard did not issue this certificate in this environment."));
        if (account is not null && account.IdentityId != credential.IdentityId)
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized(
                "This account is not bound to the identity the certificate was issued to; sign with the certificate's key instead."));
        }

        if (credential.State == CredentialState.Revoked)
        {
            throw new AcmeProblemException(AcmeProblem.AlreadyRevoked("The certificate is already revoked."));
        }

        var actor = account is null ? new Actor("acme-certificate-key", null) : AcmeAccounts.ActorOf(account);
        var revoked = await credentials.RevokeAsync(credential.Id, $"acme:{RevocationReasons[reason ?? 0]}", actor, cancellationToken);
        if (!revoked.Succeeded)
        {
            throw new AcmeProblemException(AcmeProblem.AlreadyRevoked(revoked.Problem!.Detail));
        }
    }

    /// <summary>
    /// When to renew the certificate (RFC 9773): in the last third of its life, or at once when it
    /// is revoked, superseded by policy or signed by an intermediate the environment no longer uses.
    /// Null when Lanyard did not issue it here.
    /// </summary>
    public async Task<RenewalWindow?> RenewalInfoAsync(
        string environment, CertificateIdentifier id, string crlBaseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var db = store.CreateContext();
        var credential = await db.Credentials.AsNoTracking()
            .Where(c => c.Environment == environment && c.SerialNumber == id.SerialHex
                        && c.Kind == CredentialKind.Certificate && c.Source == CredentialSource.Issued)
            .FirstOrDefaultAsync(cancellationToken);
        if (credential?.ExpiresAt is not { } expiresAt)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var ca = await cas.GetAsync(environment, crlBaseUrl, cancellationToken);
        var currentKeyId = ca.Succeeded
            ? ca.Value!.Intermediate.Extensions.OfType<X509SubjectKeyIdentifierExtension>()
                .FirstOrDefault()?.SubjectKeyIdentifierBytes.ToArray()
            : null;
        var reason = credential.State == CredentialState.Revoked ? "The certificate is revoked; replace it now."
            : currentKeyId is not null && !currentKeyId.AsSpan().SequenceEqual(id.AuthorityKeyId)
                ? "The intermediate that signed the certificate is no longer the environment's issuing CA; replace it now."
                : null;
        if (reason is not null)
        {
            return new RenewalWindow(now - TimeSpan.FromHours(2), now - TimeSpan.FromHours(1), reason);
        }

        var lifetime = expiresAt - credential.CreatedAt;
        return new RenewalWindow(credential.CreatedAt + (lifetime * 2 / 3), credential.CreatedAt + (lifetime * 5 / 6), null);
    }

    /// <summary>An ARI id resolves to an issued certificate of the identity; the order that renews it names it in
    /// <c>replaces</c>.</summary>
    public async Task<bool> IsReplaceableAsync(AcmeAccount account, CertificateIdentifier id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(id);
        await using var db = store.CreateContext();
        return await db.Credentials.AnyAsync(c => c.Environment == account.Environment && c.SerialNumber == id.SerialHex
            && c.IdentityId == account.IdentityId && c.Kind == CredentialKind.Certificate && c.SupersededById == null, cancellationToken);
    }

    private async Task<AcmeOrder> CompleteAsync(AcmeAccount account, AcmeOrder order, IssuedCertificate issued,
        CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.AcmeOrders.SingleAsync(o => o.Id == order.Id, cancellationToken);
        stored.Status = AcmeStatus.Valid;
        stored.CertificateId = issued.Credential.Id;
        stored.CertificateChainPem = issued.Certificate.ExportCertificatePem() + "\n"
            + issued.Ca.Intermediate.ExportCertificatePem() + "\n";

        var predecessor = await FindPredecessorAsync(db, account, stored, cancellationToken);
        if (predecessor is not null)
        {
            var successor = await db.Credentials.SingleAsync(c => c.Id == issued.Credential.Id, cancellationToken);
            predecessor.SupersededById = successor.Id;
            predecessor.UpdatedAt = time.GetUtcNow();
            successor.RotatedFromId = predecessor.Id;
            await AuditLog.AppendAsync(db, new AuditEntry(AcmeAccounts.ActorOf(account), "certificate.renew", $"credential/{successor.Id}")
            {
                Detail = new Dictionary<string, object?>
                {
                    ["replaces"] = predecessor.Id.ToString(), ["identity"] = account.IdentityId.ToString(), ["acmeOrder"] = stored.Id,
                },
            }, time.GetUtcNow(), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <summary>
    /// The certificate this order renews: the one its <c>replaces</c> names, or else the newest live
    /// certificate an earlier order of the same account obtained for the same names.
    /// </summary>
    private static async Task<Credential?> FindPredecessorAsync(
        LanyardDbContext db, AcmeAccount account, AcmeOrder order, CancellationToken cancellationToken)
    {
        if (order.Replaces is not null && CertificateIdentifier.TryParse(order.Replaces) is { } replaced)
        {
            return await db.Credentials.FirstOrDefaultAsync(c => c.Environment == account.Environment
                && c.SerialNumber == replaced.SerialHex && c.IdentityId == account.IdentityId
                    && c.SupersededById == null, cancellationToken);
        }

        var earlier = await db.AcmeOrders.AsNoTracking()
            .Where(o => o.AccountId == account.Id && o.Id != order.Id && o.Status == AcmeStatus.Valid && o.CertificateId != null)
            .OrderByDescending(o => o.CreatedAt).Take(50).ToListAsync(cancellationToken);
        var names = new HashSet<string>(order.Names, StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in earlier.Where(o => names.SetEquals(o.Names)))
        {
            var credential = await db.Credentials.SingleOrDefaultAsync(c => c.Id == candidate.CertificateId, cancellationToken);
            if (credential is { State: CredentialState.Active, SupersededById: null })
            {
                return credential;
            }
        }

        return null;
    }

    private async Task<Credential?> FindIssuedAsync(string environment, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var fingerprint = KeyFacts.Of(certificate.PublicKey).Fingerprint;
        await using var db = store.CreateContext();
        return await db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.Environment == environment
            && c.SerialNumber == certificate.SerialNumber && c.Fingerprint == fingerprint
            && c.Kind == CredentialKind.Certificate && c.Source == CredentialSource.Issued, cancellationToken);
    }

    private static AcmeProblem Refusal(Problem problem) => problem.Kind switch
    {
        ProblemKind.Invalid when problem.Field == "csr" => AcmeProblem.BadCsr(problem.Detail),
        ProblemKind.Invalid => AcmeProblem.RejectedIdentifier(problem.Detail),
        _ => AcmeProblem.Unauthorized(problem.Detail),
    };
}
