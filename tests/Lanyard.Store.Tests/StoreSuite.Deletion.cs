using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;
using Lanyard.Store.Pki;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

/// <summary>What Lanyard issued keeps its record while it works, and a revoked certificate while its CRL needs it.</summary>
public abstract partial class StoreSuite<TDatabase>
{
    [Fact]
    public async Task An_active_issued_key_is_not_deleted_but_once_revoked_it_may_be()
    {
        var identity = await CreateIdentityAsync("billing-api", "dev");
        var key = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(30), Admin)).Value!;

        var whileActive = await Inventory.DeleteCredentialAsync(key.Credential.Id, Admin);
        await Issuer.RevokeAsync(key.Credential.Id, "retired", Admin);
        var onceRevoked = await Inventory.DeleteCredentialAsync(key.Credential.Id, Admin);

        Assert.Equal(ProblemKind.Conflict, whileActive.Problem!.Kind);
        Assert.Contains("revoke it instead", whileActive.Problem.Detail, StringComparison.Ordinal);
        Assert.True(onceRevoked.Succeeded, onceRevoked.Problem?.Detail);
    }

    [Fact]
    public async Task A_revoked_certificate_and_its_identity_stay_until_it_expires_so_the_crl_keeps_its_serial()
    {
        var identity = await CreateIdentityAsync("crl-api", "dev");
        using var cas = NewCaStore();
        await using var audit = new AuditCommitter(Database.Store, Database.Time);
        var issuer = new CertificateIssuer(Database.Store, cas, audit, Database.Time);
        var crls = new CrlPublisher(Database.Store, cas, Database.Time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = (await issuer.IssueSvidAsync(identity.Id, new CertificateOrder([], Csr(key), TimeSpan.FromHours(1), PublicUrl), Admin)).Value!;
        await Issuer.RevokeAsync(issued.Credential.Id, "key compromise", Admin);

        var credentialDelete = await Inventory.DeleteCredentialAsync(issued.Credential.Id, Admin);
        var identityDelete = await Inventory.DeleteIdentityAsync(identity.Id, Admin);
        var crl = CertificateRevocationListBuilder.Load((await crls.IssuingCrlAsync("dev", PublicUrl)).Value!, out _);
        Database.Time.Advance(TimeSpan.FromHours(2));
        var afterExpiry = await Inventory.DeleteIdentityAsync(identity.Id, Admin);

        Assert.Equal(ProblemKind.Conflict, credentialDelete.Problem!.Kind);
        Assert.Equal(ProblemKind.Conflict, identityDelete.Problem!.Kind);
        Assert.Contains("revocation list", identityDelete.Problem.Detail, StringComparison.Ordinal);
        Assert.True(crl.RemoveEntry(issued.Certificate.SerialNumberBytes.Span));
        Assert.True(afterExpiry.Succeeded, afterExpiry.Problem?.Detail);
    }

    [Fact]
    public async Task An_identity_with_live_issued_credentials_is_not_deleted_and_its_owner_is_in_the_audit_when_it_is()
    {
        await Inventory.CreateOwnerAsync(new OwnerDraft("team-del", null, null), Admin);
        var identity = await CreateIdentityAsync("live-api", "dev", "team-del");
        var key = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(30), Admin)).Value!;

        var refused = await Inventory.DeleteIdentityAsync(identity.Id, Admin);
        await Issuer.RevokeAsync(key.Credential.Id, "retired", Admin);
        var deleted = await Inventory.DeleteIdentityAsync(identity.Id, Admin);

        Assert.Equal(ProblemKind.Conflict, refused.Problem!.Kind);
        Assert.Contains("1 active", refused.Problem.Detail, StringComparison.Ordinal);
        Assert.True(deleted.Succeeded, deleted.Problem?.Detail);
        await using var db = Database.Store.CreateContext();
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "identity.delete");
        Assert.Contains("\"owner\":\"team-del\"", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_environment_cannot_take_a_trust_domain_another_one_holds()
    {
        var created = await Inventory.CreateEnvironmentAsync(new EnvironmentDraft("qa2", TrustDomain: "Prod.Lanyard.Internal"), Admin);

        Assert.Equal(ProblemKind.Conflict, created.Problem!.Kind);
        Assert.Equal("trustDomain", created.Problem.Field);
        Assert.Contains("environment 'prod'", created.Problem.Detail, StringComparison.Ordinal);
        Assert.False((await Inventory.GetEnvironmentAsync("qa2")).Succeeded);
    }

    [Fact]
    public async Task A_hand_edit_cannot_move_the_expiry_or_state_of_an_issued_key_nor_date_a_use_in_the_future()
    {
        var identity = await CreateIdentityAsync("edit-api", "dev");
        var key = (await Issuer.IssueApiKeyAsync(identity.Id, TimeSpan.FromDays(30), Admin)).Value!;
        var secret = (await Inventory.CreateCredentialAsync(new CredentialDraft(identity.Id, "db password", CredentialKind.Secret), Admin)).Value!;
        var later = Database.Time.GetUtcNow().AddYears(3);

        var keyExpiry = await Inventory.UpdateCredentialAsync(key.Credential.Id, new CredentialPatch(ExpiresAt: later), Admin);
        var keyUse = await Inventory.UpdateCredentialAsync(key.Credential.Id, new CredentialPatch(LastUsedAt: Database.Time.GetUtcNow()), Admin);
        var keyState = await Inventory.UpdateCredentialAsync(key.Credential.Id, new CredentialPatch(CredentialState.Revoked), Admin);
        var futureUse = await Inventory.UpdateCredentialAsync(secret.Id, new CredentialPatch(LastUsedAt: later), Admin);
        var secretExpiry = await Inventory.UpdateCredentialAsync(secret.Id, new CredentialPatch(ExpiresAt: later), Admin);

        Assert.Equal(("expiresAt", ProblemKind.Conflict), (keyExpiry.Problem!.Field, keyExpiry.Problem.Kind));
        Assert.Equal(("lastUsedAt", ProblemKind.Conflict), (keyUse.Problem!.Field, keyUse.Problem.Kind));
        Assert.Equal(("state", ProblemKind.Conflict), (keyState.Problem!.Field, keyState.Problem.Kind));
        Assert.Equal(("lastUsedAt", ProblemKind.Invalid), (futureUse.Problem!.Field, futureUse.Problem.Kind));
        Assert.True(secretExpiry.Succeeded, secretExpiry.Problem?.Detail);
        await using var db = Database.Store.CreateContext();
        var stored = await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == key.Credential.Id);
        Assert.Equal(key.Credential.ExpiresAt!.Value, stored.ExpiresAt!.Value, TimeSpan.FromMilliseconds(1));
        var update = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "credential.update");
        var change = System.Text.Json.Nodes.JsonNode.Parse(update.Detail!)!["expiresAt"]!.GetValue<string>();
        Assert.Equal($"none -> {later.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}", change);
    }
}
