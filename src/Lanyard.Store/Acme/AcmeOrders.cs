using System.Text.Json;
using Lanyard.Acme;
using Lanyard.Store.Pki;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Acme;

/// <summary>
/// ACME orders, their authorizations and challenges: creation, the state machine of RFC 8555
/// section 7.1.6 as challenges are validated, and finalization through the one certificate
/// issuance path of the environment's CA.
/// </summary>
public sealed partial class AcmeOrders(
    StoreFactory store, CertificateIssuer issuer, Issuance.CredentialIssuer credentials, EnvironmentCaStore cas, TimeProvider time)
{
    /// <summary>How long a pending order and its authorizations stay open.</summary>
    public static readonly TimeSpan OrderLifetime = TimeSpan.FromHours(8);

    /// <summary>
    /// Asks the environment's policy whether the account's identity may receive a certificate for
    /// <paramref name="names"/>, before an order exists; a refusal is audited and names the rule.
    /// </summary>
    public async Task<Core.Policy.PolicyRefusal?> PolicyRefusalAsync(
        AcmeAccount account, IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var db = store.CreateContext();
        var identity = await Issuance.CredentialIssuer.FindIssuableIdentityAsync(db, account.IdentityId, cancellationToken);
        Core.Policy.PolicyRefusal? refusal = identity.Succeeded
            ? (await Issuance.CredentialIssuer.DecideAsync(db, identity.Value!, Core.Policy.PolicyCredentialKind.TlsCertificate,
                Lanyard.Pki.LeafProfile.DefaultServerLifetime, null, cancellationToken,
                r => r with
                {
                    DnsNames = names,
                    SpiffePath = Lanyard.Pki.Spiffe.SpiffeId.TryParse(identity.Value!.SpiffeId, out var id)
                        ? id!.Path
                        : null,
                }))
                .Refusal
            : new Core.Policy.PolicyRefusal(account.Environment, "identity", identity.Problem!.Detail, "identifiers");
        if (refusal is not null)
        {
            await Audit.AuditedWrite.RecordAsync(store, time,
                Policy.Policies.Refused(AcmeAccounts.ActorOf(account), "acme.order", $"identity/{account.IdentityId}",
                    refusal), cancellationToken);
        }

        return refusal;
    }

    /// <summary>An order for <paramref name="names"/> with one pending authorization each, offering http-01 and tls-alpn-01.</summary>
    public async Task<(AcmeOrder Order, IReadOnlyList<AcmeAuthorization> Authorizations)> CreateAsync(
        AcmeAccount account, IReadOnlyList<string> names, string? replaces, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(names);
        var now = time.GetUtcNow();
        var order = new AcmeOrder
        {
            Id = AcmeIds.New(),
            AccountId = account.Id,
            Environment = account.Environment,
            Names = [.. names],
            CreatedAt = now,
            ExpiresAt = now + OrderLifetime,
            Replaces = replaces,
        };
        var authorizations = names.Select(name => new AcmeAuthorization
        {
            Id = AcmeIds.New(), OrderId = order.Id, AccountId = account.Id, Name = name, ExpiresAt = order.ExpiresAt,
        }).ToList();

        await using var db = store.CreateContext();
        db.AcmeOrders.Add(order);
        db.AcmeAuthorizations.AddRange(authorizations);
        foreach (var authorization in authorizations)
        {
            db.AcmeChallenges.Add(NewChallenge(authorization, AcmeChallenge.Http01));
            db.AcmeChallenges.Add(NewChallenge(authorization, AcmeChallenge.TlsAlpn01));
        }

        await db.SaveChangesAsync(cancellationToken);
        return (order, authorizations);
    }

    public async Task<AcmeOrder?> FindOrderAsync(string environment, string id, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var order = await db.AcmeOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id
            && o.Environment == environment, cancellationToken);
        return order is null ? null : await ExpireAsync(order, cancellationToken);
    }

    public async Task<IReadOnlyList<AcmeOrder>> OrdersOfAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        return await db.AcmeOrders.AsNoTracking().Where(o => o.AccountId == accountId)
            .OrderByDescending(o => o.CreatedAt).Take(1000).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AcmeAuthorization>> AuthorizationsOfAsync(string orderId, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var authorizations = await db.AcmeAuthorizations.AsNoTracking().Where(a => a.OrderId == orderId).ToListAsync(cancellationToken);
        return [.. authorizations.OrderBy(a => a.Name, StringComparer.Ordinal)];
    }

    /// <summary>An authorization of the account, with its challenges.</summary>
    public async Task<(AcmeAuthorization Authorization, IReadOnlyList<AcmeChallenge> Challenges)?> FindAuthorizationAsync(
        string accountId, string id, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var authorization = await db.AcmeAuthorizations.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == id && a.AccountId == accountId, cancellationToken);
        if (authorization is null)
        {
            return null;
        }

        var challenges = await db.AcmeChallenges.AsNoTracking().Where(c => c.AuthorizationId == id).ToListAsync(cancellationToken);
        return (authorization, [.. challenges.OrderBy(c => c.Type, StringComparer.Ordinal)]);
    }

    /// <summary>A challenge of the account, with its authorization.</summary>
    public async Task<(AcmeChallenge Challenge, AcmeAuthorization Authorization)?> FindChallengeAsync(
        string accountId, string id, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var found = await (from c in db.AcmeChallenges.AsNoTracking()
                           join a in db.AcmeAuthorizations.AsNoTracking() on c.AuthorizationId equals a.Id
                           where c.Id == id && a.AccountId == accountId
                           select new { c, a }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.c, found.a);
    }

    /// <summary>
    /// Moves a pending challenge of a pending authorization to processing; false when it is not
    /// pending any more (answered twice, or another challenge already decided the authorization).
    /// </summary>
    public async Task<bool> StartValidationAsync(string challengeId, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var challenge = await db.AcmeChallenges.SingleAsync(c => c.Id == challengeId, cancellationToken);
        var authorization = await db.AcmeAuthorizations.SingleAsync(a => a.Id == challenge.AuthorizationId, cancellationToken);
        if (challenge.Status != AcmeStatus.Pending || authorization.Status != AcmeStatus.Pending
            || authorization.ExpiresAt <= time.GetUtcNow())
        {
            return false;
        }

        challenge.Status = AcmeStatus.Processing;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Records a validation's outcome on the challenge, its authorization and its order: valid
    /// authorizations make the order ready; one failed authorization makes it invalid.
    /// </summary>
    public async Task CompleteValidationAsync(string challengeId, AcmeProblem? error, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var challenge = await db.AcmeChallenges.SingleAsync(c => c.Id == challengeId, cancellationToken);
        var authorization = await db.AcmeAuthorizations.SingleAsync(a => a.Id == challenge.AuthorizationId, cancellationToken);
        var order = await db.AcmeOrders.SingleAsync(o => o.Id == authorization.OrderId, cancellationToken);
        challenge.Status = error is null ? AcmeStatus.Valid : AcmeStatus.Invalid;
        challenge.ValidatedAt = error is null ? time.GetUtcNow() : null;
        challenge.ErrorJson = error is null ? null : JsonSerializer.Serialize(error);
        authorization.Status = challenge.Status;
        if (error is not null)
        {
            order.Status = AcmeStatus.Invalid;
            order.ErrorJson = JsonSerializer.Serialize(error with { Identifier = AcmeIdentifier.Dns(authorization.Name) });
        }
        else if (order.Status == AcmeStatus.Pending)
        {
            await db.SaveChangesAsync(cancellationToken);
            var open = await db.AcmeAuthorizations.AnyAsync(a => a.OrderId == order.Id && a.Status != AcmeStatus.Valid, cancellationToken);
            order.Status = open ? AcmeStatus.Pending : AcmeStatus.Ready;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The client gives up an authorization (RFC 8555 section 7.5.2); its order cannot complete any more.</summary>
    public async Task DeactivateAuthorizationAsync(string authorizationId, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var authorization = await db.AcmeAuthorizations.SingleAsync(a => a.Id == authorizationId, cancellationToken);
        if (authorization.Status is not (AcmeStatus.Pending or AcmeStatus.Valid))
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("Only a pending or valid authorization can be deactivated."));
        }

        authorization.Status = AcmeStatus.Deactivated;
        var order = await db.AcmeOrders.SingleAsync(o => o.Id == authorization.OrderId, cancellationToken);
        if (order.Status is AcmeStatus.Pending or AcmeStatus.Ready)
        {
            order.Status = AcmeStatus.Invalid;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<AcmeOrder> ExpireAsync(AcmeOrder order, CancellationToken cancellationToken)
    {
        if (order.Status is not (AcmeStatus.Pending or AcmeStatus.Ready) || order.ExpiresAt > time.GetUtcNow())
        {
            return order;
        }

        await using var db = store.CreateContext();
        await db.AcmeOrders.Where(o => o.Id == order.Id && (o.Status == AcmeStatus.Pending || o.Status == AcmeStatus.Ready))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, AcmeStatus.Invalid), cancellationToken);
        order.Status = AcmeStatus.Invalid;
        return order;
    }

    private static AcmeChallenge NewChallenge(AcmeAuthorization authorization, string type) => new()
    {
        Id = AcmeIds.New(), AuthorizationId = authorization.Id, Type = type, Token = AcmeIds.New(),
    };
}
