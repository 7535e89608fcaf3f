using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lanyard.Core.Audit;
using Lanyard.Core.Inventory;
using Lanyard.Store.Audit;
using Lanyard.Store.Issuance;
using Lanyard.Store.Pki;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    private const string PublicUrl = "https://lanyard.test";

    private EnvironmentCaStore NewCaStore() =>
        new(Database.Store, new SystemSecretStore(Database.Store, Database.Sealer, Database.Time), Database.Time);

    private static string Csr(ECDsa key) => new CertificateRequest("CN=w", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

    [Fact]
    public async Task Two_replicas_creating_an_environments_ca_at_once_agree_on_one_root()
    {
        using var first = NewCaStore();
        using var second = NewCaStore();

        var both = await Task.WhenAll(first.GetAsync("prod", PublicUrl), second.GetAsync("prod", PublicUrl));

        Assert.Equal(both[0].Value!.Root.Thumbprint, both[1].Value!.Root.Thumbprint);
        Assert.Equal(both[0].Value!.Intermediate.Thumbprint, both[1].Value!.Intermediate.Thumbprint);
        await using var db = Database.Store.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "ca.create"));
    }

    [Fact]
    public async Task Environments_share_no_ca_key_and_the_keys_are_sealed_at_rest()
    {
        using var cas = NewCaStore();

        var prod = (await cas.GetAsync("prod", PublicUrl)).Value!;
        var dev = (await cas.GetAsync("dev", PublicUrl)).Value!;

        Assert.NotEqual(prod.Root.PublicKey.ExportSubjectPublicKeyInfo(), dev.Root.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.NotEqual(prod.Intermediate.PublicKey.ExportSubjectPublicKeyInfo(), dev.Intermediate.PublicKey.ExportSubjectPublicKeyInfo());
        using var key = prod.Intermediate.GetECDsaPrivateKey()!;
        var pkcs8 = key.ExportPkcs8PrivateKey();
        await using var db = Database.Store.CreateContext();
        var stored = await db.SystemSecrets.AsNoTracking().SingleAsync(s => s.Name == "env/prod/ca");
        Assert.Equal(-1, stored.Sealed.AsSpan().IndexOf(pkcs8.AsSpan(pkcs8.Length - 32)));
        Assert.Equal(-1, stored.Sealed.AsSpan().IndexOf("PRIVATE KEY"u8));
    }

    [Fact]
    public async Task A_revoked_certificate_reaches_the_crl_which_is_signed_again_at_once()
    {
        var identity = await CreateIdentityAsync("orders-api", "prod");
        using var cas = NewCaStore();
        await using var audit = new AuditCommitter(Database.Store, Database.Time);
        var issuer = new CertificateIssuer(Database.Store, cas, audit, Database.Time);
        var crls = new CrlPublisher(Database.Store, cas, Database.Time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = (await issuer.IssueSvidAsync(identity.Id, new CertificateOrder([], Csr(key), null, PublicUrl), Admin)).Value!;
        var before = (await crls.IssuingCrlAsync("prod", PublicUrl)).Value!;

        Database.Time.Advance(TimeSpan.FromSeconds(5));
        await new CredentialIssuer(Database.Store, Database.Time).RevokeAsync(issued.Credential.Id, "test", Admin);
        var after = (await crls.IssuingCrlAsync("prod", PublicUrl)).Value!;

        var listBefore = CertificateRevocationListBuilder.Load(before, out var numberBefore);
        var listAfter = CertificateRevocationListBuilder.Load(after, out var numberAfter);
        Assert.False(listBefore.RemoveEntry(issued.Certificate.SerialNumberBytes.Span));
        Assert.True(listAfter.RemoveEntry(issued.Certificate.SerialNumberBytes.Span));
        Assert.True(numberAfter > numberBefore);
    }

    [Fact]
    public async Task A_refused_csr_issues_nothing_and_is_audited_as_refused()
    {
        var identity = await CreateIdentityAsync("orders-api", "prod");
        using var cas = NewCaStore();
        await using var audit = new AuditCommitter(Database.Store, Database.Time);
        var issuer = new CertificateIssuer(Database.Store, cas, audit, Database.Time);
        using var key = RSA.Create(1024);
        var csr = new CertificateRequest("CN=w", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();

        var refused = await issuer.IssueSvidAsync(identity.Id, new CertificateOrder([], csr, null, PublicUrl), Admin);

        Assert.Contains("1024 bits", refused.Problem!.Detail, StringComparison.Ordinal);
        await using var db = Database.Store.CreateContext();
        Assert.False(await db.Credentials.AnyAsync(c => c.Kind == CredentialKind.Certificate));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "svid.x509.issue" && e.Outcome == AuditOutcome.Refused));
    }

    [Fact]
    public async Task An_svid_for_an_identity_read_during_authentication_is_held_to_the_same_checks()
    {
        var identity = await CreateIdentityAsync("orders-api", "prod");
        using var cas = NewCaStore();
        await using var audit = new AuditCommitter(Database.Store, Database.Time);
        var issuer = new CertificateIssuer(Database.Store, cas, audit, Database.Time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var order = new CertificateOrder([], Csr(key), null, PublicUrl);

        identity.Gone = true;
        var refused = await issuer.IssueSvidAsync(identity, order, Admin);
        identity.Gone = false;
        var issued = await issuer.IssueSvidAsync(identity, order, Admin);

        Assert.Equal(Core.ProblemKind.Conflict, refused.Problem?.Kind);
        Assert.True(issued.Succeeded, issued.Problem?.Detail);
        await using var db = Database.Store.CreateContext();
        Assert.Equal(1, await db.Credentials.CountAsync(c => c.Kind == CredentialKind.Certificate && c.IdentityId == identity.Id));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "svid.x509.issue" && e.Outcome == AuditOutcome.Refused));
    }

    [Fact]
    public async Task Certificates_issued_together_are_all_stored_with_an_intact_audit_chain()
    {
        var identity = await CreateIdentityAsync("orders-api", "prod");
        using var cas = NewCaStore();
        await using var audit = new AuditCommitter(Database.Store, Database.Time);
        var issuer = new CertificateIssuer(Database.Store, cas, audit, Database.Time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Csr(key);

        var issued = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            issuer.IssueSvidAsync(identity.Id, new CertificateOrder([], csr, null, PublicUrl), Admin)));

        Assert.All(issued, i => Assert.True(i.Succeeded, i.Problem?.Detail));
        await using var db = Database.Store.CreateContext();
        var serials = await db.Credentials.Where(c => c.Kind == CredentialKind.Certificate).Select(c => c.SerialNumber).ToListAsync();
        Assert.Equal(issued.Select(i => i.Value!.Certificate.SerialNumber).Order(), serials.Order());
        Assert.Equal(40, await db.AuditEvents.CountAsync(e => e.Action == "svid.x509.issue"));
        Assert.True((await Inventory.VerifyAuditAsync()).Intact);
    }
}
