using System.Security.Cryptography;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Core.Keys;
using Lanyard.Core.OAuth;
using Lanyard.Store.Issuance;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    private CredentialIssuer Issuer => new(Database.Store, Database.Time);

    private WorkloadAuthenticator Workloads(UsageRecorder? usage = null) =>
        new(Database.Store, usage ?? new UsageRecorder(Database.Store, Database.Time), Database.Time);

    [Fact]
    public async Task An_issued_api_key_authenticates_until_it_is_revoked()
    {
        var identity = await CreateIdentityAsync("billing", "prod");
        var issued = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(1), Admin)).Value!;

        var before = await Workloads().AuthenticateApiKeyAsync(issued.Secret, "10.1.2.3");
        await Issuer.RevokeAsync(issued.Credential.Id, "rotated by hand", Admin);
        var after = await Workloads().AuthenticateApiKeyAsync(issued.Secret, "10.1.2.3");

        Assert.Equal(identity.Id, before.Value!.Identity.Id);
        Assert.Equal("the credential is revoked", after.Problem!.Detail);
        await using var db = Database.Store.CreateContext();
        var stored = await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == issued.Credential.Id);
        Assert.Equal(SecretHash.Of(issued.Secret), stored.Fingerprint);
        Assert.Null(stored.SealedValue);
        Assert.Equal(["apikey.issue", "credential.use", "credential.revoke"],
            await db.AuditEvents.Where(a => a.Target == $"credential/{issued.Credential.Id}").OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Usage_is_written_at_most_once_a_minute_per_credential()
    {
        var identity = await CreateIdentityAsync("poller");
        var issued = (await Issuer.IssueApiKeyAsync(identity.Id, null, Admin)).Value!;
        var usage = new UsageRecorder(Database.Store, Database.Time);
        var workloads = Workloads(usage);

        await workloads.AuthenticateApiKeyAsync(issued.Secret, "10.0.0.1");
        Database.Time.Advance(TimeSpan.FromSeconds(30));
        await workloads.AuthenticateApiKeyAsync(issued.Secret, "10.0.0.2");
        var coalesced = await LastUseAsync(issued.Credential.Id);
        Database.Time.Advance(TimeSpan.FromSeconds(31));
        await workloads.AuthenticateApiKeyAsync(issued.Secret, "10.0.0.3");

        Assert.Equal("10.0.0.1", coalesced.From);
        Assert.Equal("10.0.0.3", (await LastUseAsync(issued.Credential.Id)).From);
        await using var db = Database.Store.CreateContext();
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action == "credential.use"));
    }

    [Fact]
    public async Task Another_replica_skips_a_use_written_within_the_minute()
    {
        var identity = await CreateIdentityAsync("replicated");
        var issued = (await Issuer.IssueApiKeyAsync(identity.Id, null, Admin)).Value!;
        var credential = issued.Credential;

        var first = await new UsageRecorder(Database.Store, Database.Time).RecordAsync(credential, "10.0.0.1");
        var second = await new UsageRecorder(Database.Store, Database.Time).RecordAsync(credential, "10.0.0.2");

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("10.0.0.1", (await LastUseAsync(credential.Id)).From);
    }

    [Fact]
    public async Task An_expired_api_key_is_refused()
    {
        var identity = await CreateIdentityAsync("short-lived");
        var issued = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromMinutes(5), Admin)).Value!;

        Database.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("the credential has expired", (await Workloads().AuthenticateApiKeyAsync(issued.Secret, null)).Problem!.Detail);
    }

    [Fact]
    public async Task A_client_secret_checks_only_within_its_client_and_environment()
    {
        var identity = await CreateIdentityAsync("jobs", "staging");
        var client = (await Issuer.CreateClientAsync(new ClientDraft(identity.Id) { Scopes = ["jobs.run"] }, Admin)).Value!;

        var right = await Workloads().AuthenticateClientSecretAsync("staging", client.Client.ClientId, client.Secret!, null);
        var otherEnvironment = await Workloads().AuthenticateClientSecretAsync("prod", client.Client.ClientId, client.Secret!, null);
        var wrongSecret = await Workloads().AuthenticateClientSecretAsync("staging", client.Client.ClientId, LanyardKeyFormat.Create("staging"), null);

        Assert.Equal(client.Client.ClientId, right.Value!.Client!.ClientId);
        Assert.Equal("the client is unknown in this environment", otherEnvironment.Problem!.Detail);
        Assert.Equal("the client secret is wrong", wrongSecret.Problem!.Detail);
        Assert.Equal(CredentialKind.ClientSecret, client.SecretCredential!.Kind);
        Assert.Equal(client.Client.ClientId, client.SecretCredential.KeyId);
    }

    [Fact]
    public async Task Credentials_are_issued_only_to_live_machine_identities()
    {
        var before = await AuditCountAsync();

        var missing = await Issuer.IssueApiKeyAsync(IdentityId.New(), null, Admin);
        var badLifetime = await Issuer.IssueApiKeyAsync((await CreateIdentityAsync("x")).Id, TimeSpan.FromDays(400), Admin);

        Assert.Equal(ProblemKind.NotFound, missing.Problem!.Kind);
        Assert.Equal("ttl", badLifetime.Problem!.Field);
        Assert.Equal(before + 1, await AuditCountAsync());
    }

    [Fact]
    public async Task A_discovered_credential_cannot_be_revoked_here()
    {
        var identity = await CreateIdentityAsync("imported");
        Credential discovered;
        await using (var db = Database.Store.CreateContext())
        {
            discovered = new Credential
            {
                IdentityId = identity.Id, Environment = "dev", Name = "access key AKIA…", Kind = CredentialKind.AccessKey,
                Source = CredentialSource.Discovered, Origin = "aws credential report",
            };
            db.Credentials.Add(discovered);
            await db.SaveChangesAsync();
        }

        var revoked = await Issuer.RevokeAsync(discovered.Id, null, Admin);

        Assert.Equal(ProblemKind.Conflict, revoked.Problem!.Kind);
        Assert.Contains("aws credential report", revoked.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_keys_are_per_environment_sealed_and_survive_a_restart()
    {
        using var keys = new SigningKeyStore(Database.Store, Database.Sealer, Database.Time);

        var dev = await keys.GetActiveAsync("dev");
        var prod = await keys.GetActiveAsync("prod");
        using var restarted = new SigningKeyStore(Database.Store, Database.Sealer, Database.Time);
        var devAgain = await restarted.GetActiveAsync("dev");

        Assert.NotEqual(dev.Kid, prod.Kid);
        Assert.Equal(dev.Kid, devAgain.Kid);
        var data = new byte[] { 1, 2, 3 };
        Assert.True(devAgain.Key.VerifyData(data, dev.Key.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        await using var db = Database.Store.CreateContext();
        var stored = await db.SigningKeys.AsNoTracking().SingleAsync(k => k.Kid == dev.Kid);
        Assert.Equal(-1, stored.SealedPrivateKey.AsSpan().IndexOf(dev.Key.ExportPkcs8PrivateKey()));
        Assert.DoesNotContain("\"d\"", stored.PublicJwk, StringComparison.Ordinal);
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action == "signing-key.create"));
    }

    [Fact]
    public async Task A_client_assertion_jti_is_spent_once()
    {
        var ledger = new TokenLedger(Database.Store, Database.Time);
        var expires = Database.Time.GetUtcNow().AddMinutes(5);

        var first = await ledger.TrySpendAssertionAsync("lnyc_dev_a", "jti-1", expires);
        var replay = await ledger.TrySpendAssertionAsync("lnyc_dev_a", "jti-1", expires);
        var otherClient = await ledger.TrySpendAssertionAsync("lnyc_dev_b", "jti-1", expires);

        Assert.True(first);
        Assert.False(replay);
        Assert.True(otherClient);
    }

    [Fact]
    public async Task A_revoked_token_is_remembered_until_it_would_have_expired()
    {
        var ledger = new TokenLedger(Database.Store, Database.Time);
        var token = new RevokedToken
        {
            Jti = "tok-1", Environment = "dev", ClientId = "lnyc_dev_a",
            ExpiresAt = Database.Time.GetUtcNow().AddMinutes(15), RevokedAt = Database.Time.GetUtcNow(),
        };

        await ledger.RevokeAsync(token, Admin);
        await ledger.RevokeAsync(token, Admin);
        var revoked = await ledger.IsRevokedAsync("tok-1");
        Database.Time.Advance(TimeSpan.FromMinutes(16));
        var purged = await ledger.PurgeExpiredAsync();

        Assert.True(revoked);
        Assert.Equal(1, purged);
        Assert.False(await ledger.IsRevokedAsync("tok-1"));
    }

    private async Task<(DateTimeOffset? At, string? From)> LastUseAsync(CredentialId id)
    {
        await using var db = Database.Store.CreateContext();
        var credential = await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == id);
        return (credential.LastUsedAt, credential.LastUsedFrom);
    }
}
