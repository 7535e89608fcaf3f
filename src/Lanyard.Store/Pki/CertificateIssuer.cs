using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Core;
using Lanyard.Core.Audit;
using Lanyard.Core.Inventory;
using Lanyard.Core.Policy;
using Lanyard.Pki;
using Lanyard.Pki.Spiffe;
using Lanyard.Store.Audit;
using Lanyard.Store.Issuance;
using Lanyard.Store.Policy;

namespace Lanyard.Store.Pki;

/// <summary>
/// Issues X.509-SVIDs and TLS server certificates from the identity's environment CA. Every
/// certificate becomes an issued credential (fingerprint of its SubjectPublicKeyInfo, serial,
/// expiry, key) in the same transaction as its audit event; a refused request is audited and
/// issues nothing.
/// </summary>
public sealed class CertificateIssuer(
    StoreFactory store, EnvironmentCaStore cas, AuditCommitter audit, TimeProvider time, SvidLifetimes? svidLifetimes = null)
{
    private readonly SvidLifetimes _svidLifetimes = svidLifetimes ?? SvidLifetimes.Standard;

    /// <summary>An X.509-SVID for the identity: its SPIFFE ID and nothing else.</summary>
    public Task<Result<IssuedCertificate>> IssueSvidAsync(
        IdentityId identityId, CertificateOrder order, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return IssueAsync(identityId, null, order with { DnsNames = [] }, svid: true, actor, cancellationToken);
    }

    /// <summary>
    /// An X.509-SVID for an identity the caller read moments ago in the same request, as workload
    /// authentication does; it is checked as the stored one would be, without reading it again.
    /// </summary>
    public Task<Result<IssuedCertificate>> IssueSvidAsync(
        Identity identity, CertificateOrder order, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(order);
        return IssueAsync(identity.Id, identity, order with { DnsNames = [] }, svid: true, actor, cancellationToken);
    }

    /// <summary>A TLS server certificate for DNS names, with the identity's SPIFFE ID beside them.</summary>
    public Task<Result<IssuedCertificate>> IssueServerAsync(
        IdentityId identityId, CertificateOrder order, Actor actor, CancellationToken cancellationToken = default) =>
        IssueAsync(identityId, null, order, svid: false, actor, cancellationToken);

    private async Task<Result<IssuedCertificate>> IssueAsync(
        IdentityId identityId, Identity? known, CertificateOrder order, bool svid, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var action = svid ? "svid.x509.issue" : "certificate.issue";
        var standard = svid ? _svidLifetimes.For(order.Lifetime) : order.Lifetime ?? LeafProfile.DefaultServerLifetime;
        if (!standard.Succeeded)
        {
            return await RefuseAsync(actor, action, identityId, standard.Problem!, cancellationToken);
        }

        if (CheckOrder(order, standard.Value, svid) is { } invalid)
        {
            return await RefuseAsync(actor, action, identityId, invalid, cancellationToken);
        }

        var identity = known is null ? await ReadIssuableIdentityAsync(identityId, cancellationToken)
            : CredentialIssuer.CheckIssuable(known, identityId);
        if (!identity.Succeeded)
        {
            return await RefuseAsync(actor, action, identityId, identity.Problem!, cancellationToken);
        }

        // The policy and the isolation check read the store; both lookups are indexed and short.
        await using var db = store.CreateContext();
        var decision = await CredentialIssuer.DecideAsync(db, identity.Value!,
            svid ? PolicyCredentialKind.X509Svid : PolicyCredentialKind.TlsCertificate, standard.Value, order.Lifetime, cancellationToken,
            r => r with { DnsNames = order.DnsNames, SpiffePath = SpiffePath(identity.Value!) });
        if (decision.Refusal is { } refusal)
        {
            return await RefuseAsync(actor, action, identityId, refusal, cancellationToken);
        }

        var lifetime = Result<TimeSpan>.Ok(decision.Lifetime);

        var ca = await cas.GetAsync(identity.Value!.Environment, order.CrlBaseUrl, cancellationToken);
        if (!ca.Succeeded)
        {
            return ca.Problem!;
        }

        var key = ObtainKey(order, identity.Value);
        if (!key.Succeeded)
        {
            return await RefuseAsync(actor, action, identityId, key.Problem!, cancellationToken);
        }

        var facts = KeyFacts.Of(key.Value.Key);
        if (await SecretIsolation.CheckAsync(db, identity.Value.Environment, facts.Fingerprint, "csr", cancellationToken) is { } shared)
        {
            return await RefuseAsync(actor, action, identityId, shared, cancellationToken);
        }

        return await SignAndRecordAsync(identity.Value, ca.Value!, key.Value, facts, order, lifetime.Value, svid, actor, cancellationToken);
    }

    private async Task<Result<IssuedCertificate>> SignAndRecordAsync(
        Identity identity, EnvironmentCa ca, (PublicKey Key, string? PrivatePem) key, KeyFacts facts, CertificateOrder order,
        TimeSpan lifetime, bool svid, Actor actor, CancellationToken cancellationToken)
    {
        if (!SpiffeId.TryParse(identity.SpiffeId, out var spiffeId) || spiffeId!.TrustDomain != ca.TrustDomain)
        {
            return Problem.Conflict($"The identity's SPIFFE ID {identity.SpiffeId} is not in its environment's trust "
                + $"domain {ca.TrustDomain}.");
        }

        var now = time.GetUtcNow();
        var names = order.DnsNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var profile = new LeafProfile(spiffeId, names, names.Count > 0 ? names[0] : identity.Name, lifetime);
        var certificate = LeafIssuer.Issue(ca, key.Key, profile,
            CaProfile.IssuingCrlUrl(order.CrlBaseUrl, ca.Environment, ca.IssuerId), now);
        var credential = NewCredential(identity, certificate, facts, profile, svid, now);

        var action = svid ? "svid.x509.issue" : "certificate.issue";
        await audit.RecordAsync(IssueAudit(actor, action, credential), db => db.Credentials.Add(credential), cancellationToken);
        return new IssuedCertificate(credential, certificate, ca, key.PrivatePem);
    }

    private async Task<Result<Identity>> ReadIssuableIdentityAsync(IdentityId identityId, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        return await CredentialIssuer.FindIssuableIdentityAsync(db, identityId, cancellationToken);
    }

    private static Problem? CheckOrder(CertificateOrder order, TimeSpan lifetime, bool svid)
    {
        if (!svid && (lifetime < LeafProfile.MinimumLifetime || lifetime > LeafProfile.MaximumLifetime))
        {
            return Problem.Invalid("ttl", $"A certificate lives between 1 minute and {LeafProfile.MaximumLifetime.TotalDays} days.");
        }

        if (svid)
        {
            return order.CsrPem is null ? Problem.Invalid("csr", "Send the PEM PKCS#10 request for the SVID's key.") : null;
        }

        if (order.DnsNames.Count is 0 or > DnsNames.MaxNames)
        {
            return Problem.Invalid("dnsNames", $"A server certificate names between 1 and {DnsNames.MaxNames} DNS names.");
        }

        return order.DnsNames.Select(DnsNames.Refusal).FirstOrDefault(r => r is not null) is { } refusal
            ? Problem.Invalid("dnsNames", refusal)
            : null;
    }

    private static Result<(PublicKey Key, string? PrivatePem)> ObtainKey(CertificateOrder order, Identity identity)
    {
        if (order.CsrPem is not null)
        {
            var checkedKey = SigningRequests.Check(order.CsrPem, "csr", identity.SpiffeId, order.DnsNames.ToList());
            return checkedKey.Succeeded ? (checkedKey.Value!, null) : checkedKey.Problem!;
        }

        using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (new PublicKey(generated), generated.ExportPkcs8PrivateKeyPem());
    }

    // The key's facts come from the request: the certificate carries the same key, and reading it again costs an import.
    private static Credential NewCredential(
        Identity identity, X509Certificate2 certificate, KeyFacts facts, LeafProfile profile, bool svid, DateTimeOffset now)
    {
        return new Credential
        {
            IdentityId = identity.Id,
            Environment = identity.Environment,
            Name = svid ? $"X.509-SVID of {identity.Name}" : $"TLS certificate for {profile.DnsNames[0]}",
            Kind = CredentialKind.Certificate,
            Source = CredentialSource.Issued,
            Origin = Credential.IssuedByLanyard,
            Fingerprint = facts.Fingerprint,
            SerialNumber = certificate.SerialNumber,
            KeyAlgorithm = facts.Algorithm,
            KeySize = facts.Size,
            SignatureAlgorithm = certificate.SignatureAlgorithm.FriendlyName ?? certificate.SignatureAlgorithm.Value,
            Subject = certificate.Subject,
            Issuer = certificate.Issuer,
            SubjectAlternativeNames = [.. profile.DnsNames, profile.SpiffeId.ToString()],
            CreatedAt = now,
            ExpiresAt = new DateTimeOffset(certificate.NotAfter),
            UpdatedAt = now,
        };
    }

    private static AuditEntry IssueAudit(Actor actor, string action, Credential credential) =>
        new(actor, action, $"credential/{credential.Id}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["identity"] = credential.IdentityId?.ToString(),
                ["environment"] = credential.Environment,
                ["serial"] = credential.SerialNumber,
                ["fingerprint"] = credential.Fingerprint,
                ["names"] = string.Join(' ', credential.SubjectAlternativeNames),
                ["expiresAt"] = credential.ExpiresAt,
            },
        };

    /// <summary>The path of the identity's SPIFFE ID, which its SVIDs carry.</summary>
    private static string? SpiffePath(Identity identity) =>
        SpiffeId.TryParse(identity.SpiffeId, out var id) ? id!.Path : null;

    private async Task<Problem> RefuseAsync(
        Actor actor, string action, IdentityId identity, PolicyRefusal refusal, CancellationToken cancellationToken)
    {
        await AuditedWrite.RecordAsync(store, time, Policies.Refused(actor, action, $"identity/{identity}", refusal), cancellationToken);
        return refusal.ToProblem();
    }

    private async Task<Problem> RefuseAsync(Actor actor, string action, IdentityId identity, Problem problem,
        CancellationToken cancellationToken)
    {
        await audit.RecordAsync(new AuditEntry(actor, action, $"identity/{identity}", AuditOutcome.Refused)
        {
            Detail = new Dictionary<string, object?> { ["reason"] = problem.Detail, ["field"] = problem.Field },
        }, cancellationToken: cancellationToken);
        return problem;
    }
}
