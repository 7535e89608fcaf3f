using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Core.Keys;
using Lanyard.Core.OAuth;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Issuance;

/// <summary>
/// Checks API keys and client secrets. A refusal comes back as a problem whose detail says why in
/// words fit for the audit trail; it never contains the presented secret.
/// </summary>
public sealed class WorkloadAuthenticator(StoreFactory store, UsageRecorder usage, TimeProvider time)
{
    // Every API call and token request runs one of these two lookups. Compiled once, they skip
    // EF Core's per-call translation-cache lookup, which costs as much as the query itself.
    private static readonly CompiledQuery<Func<LanyardDbContext, string, CancellationToken, Task<ApiKeyRow?>>>
        ApiKeyWithIdentity = new(() => EF.CompileAsyncQuery((LanyardDbContext db, string hash, CancellationToken _) => (
                from c in db.Credentials.AsNoTracking()
                where c.Kind == CredentialKind.ApiKey && c.Source == CredentialSource.Issued && c.Fingerprint == hash
                join i in db.Identities.AsNoTracking() on c.IdentityId equals (IdentityId?)i.Id into identities
                from i in identities.DefaultIfEmpty()
                select new ApiKeyRow(c, i))
            .FirstOrDefault()));

    private static readonly CompiledQuery<Func<LanyardDbContext, string, IAsyncEnumerable<ClientRow>>>
        ClientWithSecrets = new(() => EF.CompileAsyncQuery((LanyardDbContext db, string clientId) =>
            from c in db.OAuthClients.AsNoTracking()
            where c.ClientId == clientId
            join i in db.Identities.AsNoTracking() on c.IdentityId equals i.Id into identities
            from i in identities.DefaultIfEmpty()
            join s in db.Credentials.AsNoTracking().Where(s => s.Kind == CredentialKind.ClientSecret)
                on (string?)c.ClientId equals s.KeyId into secrets
            from s in secrets.DefaultIfEmpty()
            select new ClientRow(c, i, s)));

    private sealed record ApiKeyRow(Credential Credential, Identity? Identity);

    private sealed record ClientRow(OAuthClient Client, Identity? Identity, Credential? Secret);

    public async Task<Result<WorkloadCaller>> AuthenticateApiKeyAsync(
        string key, string? address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!LanyardKeyFormat.TryParse(key, out var environment))
        {
            return Refused("the key is not a well-formed Lanyard key");
        }

        // One round trip: the key's record and its identity, both as they are now, so a revoked
        // key or a deleted identity is refused at once on every replica.
        var hash = SecretHash.Of(key);
        await using var db = store.CreateContext();
        var found = await ApiKeyWithIdentity.For(db)(db, hash, cancellationToken);
        var credential = found?.Credential;
        if (credential?.Fingerprint is null || !SecretHash.Matches(key, credential.Fingerprint))
        {
            return Refused("the key is unknown");
        }

        if (CheckUsable(credential) is { } refusal)
        {
            return refusal;
        }

        if (credential.Environment != environment)
        {
            return Refused("the key names another environment than the one it was issued in");
        }

        if (found!.Identity is not { } identity)
        {
            return Refused("the key's identity no longer exists");
        }

        await usage.RecordAsync(credential, address, cancellationToken);
        return new WorkloadCaller(identity, credential, null);
    }

    /// <summary>Finds a client that may obtain tokens, without checking any secret.</summary>
    public async Task<Result<(OAuthClient Client, Identity Identity)>> FindClientAsync(
        string environment, string clientId, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var found = await (
                from c in db.OAuthClients.AsNoTracking()
                where c.ClientId == clientId
                join i in db.Identities.AsNoTracking() on c.IdentityId equals i.Id into identities
                from i in identities.DefaultIfEmpty()
                select new { Client = c, Identity = i })
            .SingleOrDefaultAsync(cancellationToken);
        return CheckClient(found?.Client, found?.Identity, environment);
    }

    /// <summary>
    /// Checks a client secret against every live secret of the client; during a rotation overlap
    /// two are live. Each comparison is constant-time.
    /// </summary>
    public async Task<Result<WorkloadCaller>> AuthenticateClientSecretAsync(
        string environment, string clientId, string secret, string? address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);

        // One round trip for the client, its identity and its secrets, all as they are now: a
        // disabled client or a revoked secret is refused at once, on every replica.
        await using var db = store.CreateContext();
        var rows = new List<ClientRow>(2);
        await foreach (var row in ClientWithSecrets.For(db)(db, clientId).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        var found = CheckClient(rows.FirstOrDefault()?.Client, rows.FirstOrDefault()?.Identity, environment);
        if (!found.Succeeded)
        {
            return found.Problem!;
        }

        var matched = rows.Select(r => r.Secret)
            .Where(c => c?.Fingerprint is not null && SecretHash.Matches(secret, c.Fingerprint))
            .ToList();
        if (matched.Count == 0)
        {
            return Refused("the client secret is wrong");
        }

        if (CheckUsable(matched[0]!) is { } refusal)
        {
            return refusal;
        }

        await usage.RecordAsync(matched[0]!, address, cancellationToken);
        return new WorkloadCaller(found.Value.Identity, matched[0], found.Value.Client);
    }

    private static Result<(OAuthClient Client, Identity Identity)> CheckClient(OAuthClient? client, Identity? identity, string environment)
    {
        if (client is null || client.Environment != environment)
        {
            return Refused("the client is unknown in this environment");
        }

        if (client.DisabledAt is not null)
        {
            return Refused("the client is disabled");
        }

        return identity is null ? Refused("the client's identity no longer exists") : (client, identity);
    }

    /// <summary>
    /// Why tokens obtained with the client secret <paramref name="credentialId"/> no longer hold, or
    /// null while they do: a revoked or retired secret takes its unexpired tokens with it.
    /// </summary>
    public async Task<string?> CheckTokenCredentialAsync(string credentialId, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(credentialId, out var id))
        {
            return "the token names no credential of this server";
        }

        var key = new CredentialId(id);
        await using var db = store.CreateContext();
        var credential = await db.Credentials.AsNoTracking()
            .Where(c => c.Id == key)
            .Select(c => new { c.State, c.RetiresAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (credential is null || credential.State == CredentialState.Revoked || credential.RetiresAt <= time.GetUtcNow())
        {
            return "the credential the token was obtained with is revoked";
        }

        return null;
    }

    private Problem? CheckUsable(Credential credential)
    {
        if (credential.State == CredentialState.Revoked)
        {
            return Refused("the credential is revoked");
        }

        if (credential.State == CredentialState.Expired)
        {
            return Refused("the credential has expired");
        }

        if (credential.State != CredentialState.Active)
        {
            return Refused($"the credential is {credential.State.ToString().ToLowerInvariant()}");
        }

        var now = time.GetUtcNow();
        if (credential.RetiresAt <= now)
        {
            return Refused("the credential was rotated and its overlap window has ended");
        }

        return credential.ExpiresAt <= now ? Refused("the credential has expired") : null;
    }

    private static Problem Refused(string reason) => new(ProblemKind.Forbidden, reason);
}
