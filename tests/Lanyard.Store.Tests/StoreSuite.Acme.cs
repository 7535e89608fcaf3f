using System.Security.Cryptography;
using System.Text.Json;
using Lanyard.Acme;
using Lanyard.Core.Inventory;
using Lanyard.Store.Acme;
using Lanyard.Store.Audit;
using Lanyard.Store.Issuance;
using Lanyard.Store.Pki;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    private static AccountKey NewAccountKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(false);
        return AccountKey.Parse($$"""{"kty":"EC","crv":"P-256","x":"{{Base64Url.Encode(p.Q.X)}}","y":"{{Base64Url.Encode(p.Q.Y)}}"}""");
    }

    private static ExternalAccountBinding Bind(NewEabKey eab, AccountKey key, string url)
    {
        var protectedText = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", kid = eab.Kid, url }));
        var payloadText = Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(key.CanonicalJson));
        var mac = HMACSHA256.HashData(Base64Url.TryDecode(eab.HmacKey)!, System.Text.Encoding.ASCII.GetBytes(protectedText + "." + payloadText));
        using var binding = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["protected"] = protectedText, ["payload"] = payloadText, ["signature"] = Base64Url.Encode(mac),
        }));
        return ExternalAccountBinding.Parse(binding.RootElement.Clone(), url, key);
    }

    [Fact]
    public async Task An_eab_key_is_stored_sealed_and_binds_one_account_to_its_identity()
    {
        var identity = await CreateIdentityAsync("edge-proxy", "prod");
        var accounts = new AcmeAccounts(Database.Store, Database.Sealer, Database.Time);
        var eab = (await accounts.CreateEabKeyAsync(identity.Id, Admin)).Value!;
        var key = NewAccountKey();

        var account = await accounts.RegisterAsync("prod", key, ["mailto:edge@example.com"], Bind(eab, key, "https://lanyard.test/acme/prod/new-account"));
        var again = Assert.Throws<AcmeProblemException>(() => accounts.RegisterAsync("prod", NewAccountKey(), [],
            Bind(eab, key, "https://lanyard.test/acme/prod/new-account")).GetAwaiter().GetResult());

        Assert.Equal(identity.Id, account.IdentityId);
        Assert.Equal(account.Id, (await accounts.FindByKeyAsync("prod", key.Thumbprint))!.Id);
        Assert.Equal(AcmeProblem.Namespace + "unauthorized", again.Problem.Type);
        await using var db = Database.Store.CreateContext();
        var stored = await db.AcmeEabKeys.AsNoTracking().SingleAsync();
        Assert.Equal(-1, stored.SealedHmacKey.AsSpan().IndexOf(Base64Url.TryDecode(eab.HmacKey)));
        Assert.Equal(account.Id, stored.AccountId);
    }

    [Fact]
    public async Task A_finalized_acme_order_is_an_issued_credential_and_its_renewal_supersedes_it()
    {
        var identity = await CreateIdentityAsync("edge-proxy", "prod");
        using var cas = NewCaStore();
        await using var audit = new AuditCommitter(Database.Store, Database.Time);
        var issuer = new CertificateIssuer(Database.Store, cas, audit, Database.Time);
        var orders = new AcmeOrders(Database.Store, issuer, new CredentialIssuer(Database.Store, Database.Time), cas, Database.Time);
        var accounts = new AcmeAccounts(Database.Store, Database.Sealer, Database.Time);
        var eab = (await accounts.CreateEabKeyAsync(identity.Id, Admin)).Value!;
        var key = NewAccountKey();
        var account = await accounts.RegisterAsync("prod", key, [], Bind(eab, key, "https://lanyard.test/acme/prod/new-account"));

        async Task<AcmeOrder> ObtainAsync()
        {
            var (order, authorizations) = await orders.CreateAsync(account, ["edge.example.com"], null);
            var challenge = (await orders.FindAuthorizationAsync(account.Id, authorizations[0].Id))!.Value.Challenges[0];
            Assert.True(await orders.StartValidationAsync(challenge.Id));
            await orders.CompleteValidationAsync(challenge.Id, null);
            var ready = (await orders.FindOrderAsync("prod", order.Id))!;
            Assert.Equal(AcmeStatus.Ready, ready.Status);
            using var certKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var csr = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=edge.example.com", certKey, HashAlgorithmName.SHA256);
            var san = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
            san.AddDnsName("edge.example.com");
            csr.CertificateExtensions.Add(san.Build());
            return await orders.FinalizeAsync(account, ready, csr.CreateSigningRequestPem(), PublicUrl);
        }

        var first = await ObtainAsync();
        var second = await ObtainAsync();

        await using var db = Database.Store.CreateContext();
        var old = await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == first.CertificateId);
        var renewed = await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == second.CertificateId);
        Assert.Equal(identity.Id, renewed.IdentityId);
        Assert.Equal(CredentialSource.Issued, renewed.Source);
        Assert.Equal(renewed.Id, old.SupersededById);
        Assert.Equal(old.Id, renewed.RotatedFromId);
        Assert.Equal(AcmeStatus.Valid, second.Status);
        Assert.Contains("BEGIN CERTIFICATE", second.CertificateChainPem, StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "certificate.renew"));
    }
}
