using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Core;
using Lanyard.Core.Audit;
using Lanyard.Pki;
using Lanyard.Store.Audit;
using Lanyard.Store.Issuance;
using Lanyard.Store.Lifecycle;
using Lanyard.Store.Pki;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    private static (string CertificatePem, string KeyPem, X509Certificate2 Root) OperatorRoot(DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Corp Root CA, O=Corp", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var root = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        return (root.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), root);
    }

    private static async Task<IssuedCertificate> IssueSvidAsync(CertificateIssuer issuer, Core.Inventory.IdentityId identity, TimeSpan? ttl = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await issuer.IssueSvidAsync(identity, new CertificateOrder([], Csr(key), ttl, PublicUrl), Admin);
        Assert.True(issued.Succeeded, issued.Problem?.Detail);
        return issued.Value!;
    }

    [Fact]
    public async Task An_imported_root_issues_new_leaves_while_the_old_root_stays_in_the_bundle_and_old_crl_is_served()
    {
        var identity = await CreateIdentityAsync("orders-api", "prod");
        using var cas = NewCaStore();
        await using var audit = new AuditCommitter(Database.Store, Database.Time);
        var issuer = new CertificateIssuer(Database.Store, cas, audit, Database.Time);
        var before = await IssueSvidAsync(issuer, identity.Id);
        var oldIssuerId = before.Ca.IssuerId;
        var (certificatePem, keyPem, root) = OperatorRoot(Database.Time.GetUtcNow());

        var imported = await cas.ImportAsync("prod", new CaImportSource(certificatePem, keyPem, null, null), PublicUrl, Admin);
        var after = await IssueSvidAsync(issuer, identity.Id);
        await new CredentialIssuer(Database.Store, Database.Time).RevokeAsync(before.Credential.Id, "test", Admin);

        Assert.True(imported.Succeeded, imported.Problem?.Detail);
        Assert.Equal(root.Subject, after.Ca.Intermediate.Issuer);
        using var reopened = NewCaStore();
        var stored = (await reopened.GetAsync("prod", PublicUrl)).Value!;
        Assert.Equal([root.Thumbprint, before.Ca.Root.Thumbprint], stored.Roots.Select(r => r.Thumbprint));
        var oldCrl = (await new CrlPublisher(Database.Store, reopened, Database.Time).IssuingCrlAsync("prod", PublicUrl, oldIssuerId)).Value!;
        Assert.True(CertificateRevocationListBuilder.Load(oldCrl, out _).RemoveEntry(before.Certificate.SerialNumberBytes.Span));
        var newCrl = (await new CrlPublisher(Database.Store, reopened, Database.Time).IssuingCrlAsync("prod", PublicUrl)).Value!;
        Assert.False(CertificateRevocationListBuilder.Load(newCrl, out _).RemoveEntry(before.Certificate.SerialNumberBytes.Span));
        await using var db = Database.Store.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "ca.import" && e.Outcome == AuditOutcome.Success));
    }

    [Fact]
    public async Task A_pkcs12_with_a_wrong_password_changes_nothing_and_is_audited_as_refused()
    {
        using var cas = NewCaStore();
        var original = (await cas.GetAsync("prod", PublicUrl)).Value!;
        var (certificatePem, keyPem, _) = OperatorRoot(Database.Time.GetUtcNow());
        using var withKey = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        var pkcs12 = withKey.Export(X509ContentType.Pkcs12, "right");

        var refused = await cas.ImportAsync("prod", new CaImportSource(null, null, pkcs12, "wrong"), PublicUrl, Admin);

        Assert.Equal(ProblemKind.Invalid, refused.Problem!.Kind);
        Assert.Equal("password", refused.Problem.Field);
        using var reopened = NewCaStore();
        Assert.Equal(original.Intermediate.Thumbprint, (await reopened.GetAsync("prod", PublicUrl)).Value!.Intermediate.Thumbprint);
        await using var db = Database.Store.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "ca.import" && e.Outcome == AuditOutcome.Refused));
    }

    [Fact]
    public async Task The_lifecycle_renews_the_intermediate_in_its_window_and_drops_the_old_one_after_its_last_leaf_expires()
    {
        var identity = await CreateIdentityAsync("orders-api", "prod");
        using var cas = NewCaStore();
        await using var audit = new AuditCommitter(Database.Store, Database.Time);
        var issuer = new CertificateIssuer(Database.Store, cas, audit, Database.Time);
        var renewal = new IntermediateRenewal(cas);
        var first = (await cas.GetAsync("prod", PublicUrl)).Value!;
        Assert.Equal((0, 0), await renewal.RunAsync());

        Database.Time.SetUtcNow(new DateTimeOffset(first.Intermediate.NotAfter) - EnvironmentCa.RenewalWindow(first.Intermediate)
                                - TimeSpan.FromMinutes(30));
        var oldLeaf = await IssueSvidAsync(issuer, identity.Id, TimeSpan.FromHours(1));
        Assert.Equal((0, 0), await renewal.RunAsync());
        Database.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal((1, 0), await renewal.RunAsync());
        var newLeaf = await IssueSvidAsync(issuer, identity.Id);

        Assert.NotEqual(oldLeaf.Ca.IssuerId, newLeaf.Ca.IssuerId);
        Assert.Equal(newLeaf.Ca.Intermediate.Subject, newLeaf.Certificate.Issuer);
        Assert.Equal([oldLeaf.Ca.IssuerId], newLeaf.Ca.Retired.Select(r => r.Id));
        Database.Time.Advance(EnvironmentCaStore.RetiredGrace + TimeSpan.FromMinutes(1));
        Assert.Equal((0, 0), await renewal.RunAsync());

        Database.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal((0, 1), await renewal.RunAsync());
        using var reopened = NewCaStore();
        Assert.Empty((await reopened.GetAsync("prod", PublicUrl)).Value!.Retired);
        await using var db = Database.Store.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "ca.renew-intermediate" && e.Actor == "system"));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "ca.drop-retired-intermediate"));
    }

    [Fact]
    public async Task Another_replica_picks_up_a_rotation_when_it_next_checks_its_cached_ca()
    {
        using var first = NewCaStore();
        using var second = NewCaStore();
        var before = (await second.GetAsync("prod", PublicUrl)).Value!;

        var rotated = await first.RotateIntermediateAsync("prod", PublicUrl, Admin);
        var stale = (await second.GetAsync("prod", PublicUrl)).Value!;
        Database.Time.Advance(EnvironmentCaStore.RecheckInterval);
        var fresh = (await second.GetAsync("prod", PublicUrl)).Value!;

        Assert.Equal(before.IssuerId, stale.IssuerId);
        Assert.Equal(rotated.Value!.IssuerId, fresh.IssuerId);
        Assert.NotEqual(before.IssuerId, fresh.IssuerId);
    }

    [Fact]
    public async Task Rotating_by_hand_is_refused_when_the_root_key_is_held_outside_lanyard()
    {
        using var cas = NewCaStore();
        var now = Database.Time.GetUtcNow();
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Corp Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Corp Issuing", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var intermediate = request.Create(root, now.AddDays(-1), now.AddYears(2), [7]);
        var pem = intermediate.ExportCertificatePem() + "\n" + root.ExportCertificatePem();
        var imported = await cas.ImportAsync("prod", new CaImportSource(pem, key.ExportPkcs8PrivateKeyPem(), null, null), PublicUrl, Admin);

        var refused = await cas.RotateIntermediateAsync("prod", PublicUrl, Admin);

        Assert.True(imported.Succeeded, imported.Problem?.Detail);
        Assert.Equal(ProblemKind.Conflict, refused.Problem!.Kind);
        Assert.Contains("held outside Lanyard", refused.Problem.Detail, StringComparison.Ordinal);
        await using var db = Database.Store.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "ca.rotate-intermediate" && e.Outcome == AuditOutcome.Refused));
    }
}
