using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Core.Keys;
using Lanyard.Core.OAuth;
using Lanyard.Core.Policy;
using Lanyard.Store.Audit;
using Lanyard.Store.Policy;
using Lanyard.Store.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Issuance;

/// <summary>
/// Issues API keys and OAuth2 client secrets and revokes them. A secret is returned once and
/// stored only as its SHA-256 fingerprint; each issuance and revocation is audited in the same
/// transaction.
/// </summary>
public sealed class CredentialIssuer(StoreFactory store, TimeProvider time)
{
    private DateTimeOffset Now => time.GetUtcNow();

    public async Task<Result<IssuedSecret>> IssueApiKeyAsync(
        IdentityId identityId, TimeSpan? lifetime, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (lifetime is { } asked && IssuancePolicy.CheckLifetime("ttl", asked) is { } invalid)
        {
            return invalid;
        }

        PolicyRefusal? refused = null;
        var issued = await AuditedWrite.RunAsync<IssuedSecret>(store, time, async db =>
        {
            var identity = await FindIssuableIdentityAsync(db, identityId, cancellationToken);
            if (!identity.Succeeded)
            {
                return identity.Problem!;
            }

            var decision = await DecideAsync(db, identity.Value!, PolicyCredentialKind.ApiKey, IssuancePolicy.DefaultApiKeyLifetime,
                lifetime, cancellationToken);
            if (decision.Refusal is { } refusal)
            {
                refused = refusal;
                return refusal.ToProblem();
            }

            var key = LanyardKeyFormat.Create(identity.Value!.Environment);
            var credential = NewSecretCredential(identity.Value, CredentialKind.ApiKey, key, decision.Lifetime,
                $"API key for {identity.Value.Name}", keyId: null);
            db.Credentials.Add(credential);
            return (new IssuedSecret(credential, key), IssueAudit(actor, "apikey.issue", credential));
        }, cancellationToken);
        return await AuditRefusalAsync(issued, refused, actor, "apikey.issue", $"identity/{identityId}", cancellationToken);
    }

    /// <summary>
    /// Asks the environment's policy about issuing <paramref name="kind"/> to the identity;
    /// <paramref name="lifetime"/> is what the caller asked for, null when nothing.
    /// </summary>
    internal static async Task<PolicyDecision> DecideAsync(
        LanyardDbContext db, Identity identity, PolicyCredentialKind kind, TimeSpan defaultLifetime, TimeSpan? lifetime,
        CancellationToken cancellationToken, Func<IssuanceRequest, IssuanceRequest>? refine = null)
    {
        var policy = await Policies.CurrentAsync(db, identity.Environment, cancellationToken);
        var request = new IssuanceRequest(kind, identity.Name, defaultLifetime)
        {
            RequestedLifetime = lifetime,
            HasOwner = identity.OwnerId is not null,
        };
        return PolicyEvaluator.Evaluate(policy, refine is null ? request : refine(request));
    }

    /// <summary>Audits a policy refusal, which changed nothing, once its transaction is gone.</summary>
    private async Task<Result<T>> AuditRefusalAsync<T>(
        Result<T> result, PolicyRefusal? refused, Actor actor, string action, string target, CancellationToken cancellationToken)
    {
        if (refused is not null)
        {
            await AuditedWrite.RecordAsync(store, time, Policies.Refused(actor, action, target, refused), cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Registers an identity as an OAuth2 client of its environment and issues its first secret,
    /// unless the client authenticates with a certificate over mutual TLS: the identity's X.509-SVID
    /// or a self-signed certificate it registered.
    /// </summary>
    public async Task<Result<IssuedClient>> CreateClientAsync(ClientDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        if (CheckClientDraft(draft) is { } invalid)
        {
            return invalid;
        }

        PolicyRefusal? refused = null;
        var created = await AuditedWrite.RunAsync<IssuedClient>(store, time, async db =>
        {
            var identity = await FindIssuableIdentityAsync(db, draft.Identity, cancellationToken);
            if (!identity.Succeeded)
            {
                return identity.Problem!;
            }

            // A client that authenticates with a certificate gets no secret, so only its tokens ask the policy.
            var secretless = draft.TlsClientAuth || draft.SelfSignedCertificateThumbprint is not null;
            var decision = secretless
                ? await DecideAsync(db, identity.Value!, PolicyCredentialKind.AccessToken,
                    TimeSpan.FromMinutes(OAuthClient.DefaultAccessTokenMinutes), null, cancellationToken,
                    r => r with { Scopes = draft.Scopes })
                : await DecideAsync(db, identity.Value!, PolicyCredentialKind.ClientSecret,
                    IssuancePolicy.DefaultClientSecretLifetime, draft.SecretLifetime, cancellationToken,
                    r => r with { Scopes = draft.Scopes });
            var tokens = await DecideAsync(db, identity.Value!, PolicyCredentialKind.AccessToken,
                TimeSpan.FromMinutes(OAuthClient.DefaultAccessTokenMinutes),
                draft.AccessTokenMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null, cancellationToken);
            if ((decision.Refusal ?? tokens.Refusal) is { } refusal)
            {
                refused = refusal with { Field = refusal.Field == "ttl" && decision.Refusal is null
                    ? "accessTokenMinutes" : refusal.Field };
                return refused.ToProblem();
            }

            var ttl = decision.Lifetime;

            var client = new OAuthClient
            {
                ClientId = ClientIds.Create(identity.Value!.Environment),
                IdentityId = identity.Value.Id,
                Environment = identity.Value.Environment,
                Scopes = draft.Scopes.Distinct(StringComparer.Ordinal).ToList(),
                AccessTokenMinutes = draft.AccessTokenMinutes ?? OAuthClient.DefaultAccessTokenMinutes,
                Jwks = draft.Jwks,
                TlsClientAuthSanUri = draft.TlsClientAuth ? identity.Value.SpiffeId : null,
                SelfSignedCertificateThumbprint = draft.SelfSignedCertificateThumbprint,
                CreatedAt = Now,
            };
            db.OAuthClients.Add(client);
            if (secretless)
            {
                return (new IssuedClient(client, null, null), ClientAudit(actor, client));
            }

            var secret = LanyardKeyFormat.Create(identity.Value.Environment);
            var credential = NewSecretCredential(identity.Value, CredentialKind.ClientSecret, secret, ttl,
                $"OAuth2 client secret of {client.ClientId}", client.ClientId);
            db.Credentials.Add(credential);

            var audit = IssueAudit(actor, "client.create", credential);
            return (new IssuedClient(client, credential, secret), audit with
            {
                Detail = new Dictionary<string, object?>(audit.Detail!)
                {
                    ["clientId"] = client.ClientId,
                    ["scopes"] = string.Join(' ', client.Scopes),
                    ["privateKeyJwt"] = client.Jwks is not null,
                },
            });
        }, cancellationToken);
        return await AuditRefusalAsync(created, refused, actor, "client.create", $"identity/{draft.Identity}", cancellationToken);
    }

    /// <summary>
    /// Revokes an issued credential: from this moment it fails authentication everywhere. A
    /// discovered credential can only be revoked at its source, so that is refused.
    /// </summary>
    public Task<Result<Credential>> RevokeAsync(CredentialId id, string? reason, Actor actor,
        CancellationToken cancellationToken = default) =>
        AuditedWrite.RunAsync<Credential>(store, time, async db =>
        {
            var credential = await db.Credentials.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (credential is null)
            {
                return Problem.NotFound("credential", id.ToString());
            }

            if (credential.Source != CredentialSource.Issued)
            {
                return Problem.Conflict(
                    $"Lanyard did not issue this credential; revoke it where it lives ({credential.Origin ?? "its source"}).");
            }

            if (credential.State == CredentialState.Revoked)
            {
                return Problem.Conflict("The credential is already revoked.");
            }

            credential.State = CredentialState.Revoked;
            credential.UpdatedAt = Now;
            await WebhookOutbox.EnqueueAsync(db, WebhookOutbox.Revoked, credential, Now,
                new Dictionary<string, string?> { ["reason"] = reason }, cancellationToken);
            var audit = IssueAudit(actor, "credential.revoke", credential);
            return (credential, audit with
            {
                Detail = new Dictionary<string, object?>(audit.Detail!) { ["reason"] = reason },
            });
        }, cancellationToken);

    private static Problem? CheckClientDraft(ClientDraft draft)
    {
        if (draft.TlsClientAuth && (draft.Jwks is not null || draft.SecretLifetime is not null))
        {
            return Problem.Invalid(draft.Jwks is not null ? "jwks" : "ttl",
                "A tls_client_auth client proves itself with its X.509-SVID alone; it has no keys or secret to register.");
        }

        if (draft.SelfSignedCertificateThumbprint is not null
            && (draft.TlsClientAuth || draft.Jwks is not null || draft.SecretLifetime is not null))
        {
            return Problem.Invalid("certificate",
                "A self_signed_tls_client_auth client proves itself with its registered certificate alone; it has no "
                    + "SVID, keys or secret.");
        }

        if (draft.Scopes.Count > IssuancePolicy.MaximumScopes)
        {
            return Problem.Invalid("scopes", $"A client may hold at most {IssuancePolicy.MaximumScopes} scopes.");
        }

        if (draft.Scopes.FirstOrDefault(s => !IssuancePolicy.IsValidScope(s)) is { } bad)
        {
            return Problem.Invalid("scopes", $"'{bad}' is not a scope: use printable ASCII without spaces, quotes or backslashes.");
        }

        if (draft.AccessTokenMinutes is < 1 or > IssuancePolicy.MaximumAccessTokenMinutes)
        {
            return Problem.Invalid("accessTokenMinutes", "Access tokens live between 1 minute and 24 hours.");
        }

        return draft.SecretLifetime is { } ttl ? IssuancePolicy.CheckLifetime("ttl", ttl) : null;
    }

    internal static async Task<Result<Identity>> FindIssuableIdentityAsync(
        LanyardDbContext db, IdentityId id, CancellationToken cancellationToken)
    {
        var identity = await db.Identities.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return CheckIssuable(identity, id);
    }

    /// <summary>The identity when Lanyard may issue to it; not found when null, a conflict when it is gone or not a machine.</summary>
    internal static Result<Identity> CheckIssuable(Identity? identity, IdentityId id)
    {
        if (identity is null)
        {
            return Problem.NotFound("identity", id.ToString());
        }

        if (identity.Class != IdentityClass.Machine || identity.Gone)
        {
            return Problem.Conflict(identity.Gone
                ? "The identity is gone from its source; Lanyard issues credentials only to live machine identities."
                : $"The identity is a {identity.Class.ToString().ToLowerInvariant()} principal; Lanyard issues "
                    + $"credentials only to machine identities.");
        }

        return identity;
    }

    private Credential NewSecretCredential(
        Identity identity, CredentialKind kind, string secret, TimeSpan lifetime, string name, string? keyId) => new()
    {
        IdentityId = identity.Id,
        Environment = identity.Environment,
        Name = name,
        Kind = kind,
        Source = CredentialSource.Issued,
        Origin = Credential.IssuedByLanyard,
        KeyId = keyId,
        Fingerprint = SecretHash.Of(secret),
        UsageTracked = true,
        CreatedAt = Now,
        ExpiresAt = Now + lifetime,
        UpdatedAt = Now,
    };

    private static AuditEntry ClientAudit(Actor actor, OAuthClient client) =>
        new(actor, "client.create", $"client/{client.ClientId}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["identity"] = client.IdentityId.ToString(),
                ["environment"] = client.Environment,
                ["clientId"] = client.ClientId,
                ["scopes"] = string.Join(' ', client.Scopes),
                ["tlsClientAuthSanUri"] = client.TlsClientAuthSanUri,
                ["selfSignedCertificateThumbprint"] = client.SelfSignedCertificateThumbprint,
            },
        };

    private static AuditEntry IssueAudit(Actor actor, string action, Credential credential) =>
        new(actor, action, $"credential/{credential.Id}")
        {
            Detail = new Dictionary<string, object?>
            {
                ["identity"] = credential.IdentityId?.ToString(),
                ["environment"] = credential.Environment,
                ["kind"] = credential.Kind.ToString(),
                ["fingerprint"] = credential.Fingerprint,
                ["expiresAt"] = credential.ExpiresAt,
            },
        };
}
