using System.Text;
using Lanyard.Core.Inventory;
using Lanyard.Store.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Tests;

public abstract partial class StoreSuite<TDatabase>
{
    [Fact]
    public async Task A_registered_secret_is_stored_sealed_fingerprinted_and_revealed_only_on_request()
    {
        const string secret = "pa55-Known-Secret-Value-7731";
        var identity = await CreateIdentityAsync("svc");

        var credential = (await Inventory.CreateCredentialAsync(
            new CredentialDraft(identity.Id, "db password", CredentialKind.Secret) { Secret = secret }, Admin)).Value!;

        await using var db = Database.Store.CreateContext();
        var stored = await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == credential.Id);
        Assert.NotNull(stored.SealedValue);
        Assert.Equal(-1, stored.SealedValue.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret))), stored.Fingerprint);

        var revealed = await Inventory.RevealSecretAsync(credential.Id, Admin);
        Assert.Equal(secret, revealed.Value);
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "credential.reveal"));
    }

    [Fact]
    public async Task A_sealed_value_copied_to_another_credential_does_not_open()
    {
        var identity = await CreateIdentityAsync("svc");
        var first = (await Inventory.CreateCredentialAsync(
            new CredentialDraft(identity.Id, "a", CredentialKind.Secret) { Secret = "first-secret-value" }, Admin)).Value!;
        var second = (await Inventory.CreateCredentialAsync(
            new CredentialDraft(identity.Id, "b", CredentialKind.Secret) { Secret = "second-secret-value" }, Admin)).Value!;

        await using (var db = Database.Store.CreateContext())
        {
            var source = await db.Credentials.SingleAsync(c => c.Id == first.Id);
            var target = await db.Credentials.SingleAsync(c => c.Id == second.Id);
            target.SealedValue = source.SealedValue;
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(
            () => Inventory.RevealSecretAsync(second.Id, Admin));
    }
}
