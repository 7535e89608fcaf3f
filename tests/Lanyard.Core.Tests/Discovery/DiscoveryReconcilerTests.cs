using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;

namespace Lanyard.Core.Tests.Discovery;

public sealed class DiscoveryReconcilerTests
{
    private const string KeyExternal = "aws/iam/user/svc-x/access-key/2026-04-22T15:31:07Z";
    private static readonly DateTimeOffset KeyCreated = new(2026, 4, 22, 15, 31, 7, TimeSpan.Zero);

    /// <summary>What the credential report says about key 1 of svc-x: usage, but no id.</summary>
    private static DiscoveredCredential FromReport() =>
        new(KeyExternal, "access key 1 of svc-x", CredentialKind.AccessKey, "credential-report.csv")
        {
            IdentityExternalKey = "aws/iam/user/svc-x",
            State = CredentialState.Active,
            CreatedAt = KeyCreated,
            LastUsedAt = new DateTimeOffset(2026, 11, 14, 21, 0, 0, TimeSpan.Zero),
            UsageTracked = true,
        };

    /// <summary>What list-access-keys says about the same key: its id, but no usage.</summary>
    private static DiscoveredCredential FromKeyList() =>
        new(KeyExternal, "access key AKIAEXAMPLE1", CredentialKind.AccessKey, "list-access-keys/svc-x.json")
        {
            IdentityExternalKey = "aws/iam/user/svc-x",
            State = CredentialState.Active,
            Fingerprint = "abc",
            KeyId = "AKIAEXAMPLE1",
            CreatedAt = KeyCreated,
        };

    [Fact]
    public void Reconcile_NewBatch_AddsIdentitiesCredentialsAndOwners()
    {
        var fixture = new ReconcileFixture();

        var batch = ReconcileFixture.Batch([ReconcileFixture.User("svc-x", "team-data")], [FromReport()]);

        var result = fixture.Apply(batch);

        var identity = Assert.Single(result.AddedIdentities);
        var credential = Assert.Single(result.AddedCredentials);
        var owner = Assert.Single(result.AddedOwners);
        Assert.Equal("spiffe://prod.lanyard.internal/aws/iam/svc-x", identity.SpiffeId);
        Assert.Equal(CredentialSource.Discovered, identity.Source);
        Assert.Equal(owner.Id, identity.OwnerId);
        Assert.Null(owner.Contact);
        Assert.Equal(identity.Id, credential.IdentityId);
        Assert.Equal(KeyExternal, credential.ExternalKey);
    }

    [Fact]
    public void Reconcile_SameBatchTwice_ReportsNoChangeTheSecondTime()
    {
        var fixture = new ReconcileFixture();
        var batch = ReconcileFixture.Batch([ReconcileFixture.User("svc-x", "team-data")], [FromReport()], "aws/iam/");
        fixture.Apply(batch);

        var second = fixture.Apply(batch);

        Assert.False(second.HasChanges);
        Assert.Equal(0, second.IdentitiesChanged + second.CredentialsChanged + second.OwnersAdded);
    }

    [Fact]
    public void Reconcile_ReportThenKeyListing_MergesIntoOneCredential()
    {
        var fixture = new ReconcileFixture();
        fixture.Apply(ReconcileFixture.Batch([ReconcileFixture.User("svc-x")], [FromReport()], "aws/iam/"));

        var result = fixture.Apply(ReconcileFixture.Batch([], [FromKeyList()], "aws/iam/user/svc-x/access-key/"));

        var credential = Assert.Single(fixture.Credentials);
        Assert.Same(credential, Assert.Single(result.ChangedCredentials));
        Assert.Equal("access key AKIAEXAMPLE1", credential.Name);
        Assert.Equal("abc", credential.Fingerprint);
        Assert.True(credential.UsageTracked);
        Assert.NotNull(credential.LastUsedAt);
        Assert.Empty(result.GoneIdentities);
    }

    [Fact]
    public void Reconcile_ReportAfterKeyListing_KeepsTheNameThatCarriesTheKeyId()
    {
        var fixture = new ReconcileFixture();
        fixture.Apply(ReconcileFixture.Batch([ReconcileFixture.User("svc-x")], [FromKeyList()]));

        fixture.Apply(ReconcileFixture.Batch([ReconcileFixture.User("svc-x")], [FromReport()]));

        Assert.Equal("access key AKIAEXAMPLE1", Assert.Single(fixture.Credentials).Name);
    }

    [Fact]
    public void Reconcile_ItemMissingFromACompleteScope_IsMarkedGone()
    {
        var fixture = new ReconcileFixture();
        fixture.Apply(ReconcileFixture.Batch(
            [ReconcileFixture.User("svc-x"), ReconcileFixture.User("svc-y")], [FromReport()], "aws/iam/"));

        var result = fixture.Apply(ReconcileFixture.Batch([ReconcileFixture.User("svc-y")], [], "aws/iam/"));

        Assert.True(Assert.Single(result.GoneIdentities).Gone);
        Assert.Equal(CredentialState.Gone, Assert.Single(result.GoneCredentials).State);
    }

    [Fact]
    public void Reconcile_ItemOutsideTheBatchScopes_IsLeftAlone()
    {
        var fixture = new ReconcileFixture();
        fixture.Apply(ReconcileFixture.Batch([ReconcileFixture.User("svc-x")], [FromReport()], "aws/iam/"));

        var result = fixture.Apply(ReconcileFixture.Batch([], [], "aws/iam/user/svc-other/access-key/"));

        Assert.False(result.HasChanges);
    }

    [Fact]
    public void Reconcile_ItemThatReappears_IsBackAndCountsAsChanged()
    {
        var fixture = new ReconcileFixture();
        var full = ReconcileFixture.Batch([ReconcileFixture.User("svc-x")], [FromReport()], "aws/iam/");
        fixture.Apply(full);
        fixture.Apply(ReconcileFixture.Batch([], [], "aws/iam/"));

        var result = fixture.Apply(full);

        Assert.False(Assert.Single(result.ChangedIdentities).Gone);
        Assert.Equal(CredentialState.Active, Assert.Single(result.ChangedCredentials).State);
        Assert.Empty(result.AddedIdentities);
    }

    [Fact]
    public void Reconcile_OwnerStatedAsNone_ClearsTheOwner_AndUnstatedLeavesItAlone()
    {
        var fixture = new ReconcileFixture();
        fixture.Apply(ReconcileFixture.Batch([ReconcileFixture.User("svc-x", "team-data")], []));

        var unstated = ReconcileFixture.User("svc-x") with { OwnerStated = false };
        Assert.False(fixture.Apply(ReconcileFixture.Batch([unstated], [])).HasChanges);
        Assert.NotNull(Assert.Single(fixture.Identities).OwnerId);

        var cleared = fixture.Apply(ReconcileFixture.Batch([ReconcileFixture.User("svc-x")], []));
        Assert.Null(Assert.Single(cleared.ChangedIdentities).OwnerId);
    }

    [Fact]
    public void Reconcile_PartialIdentity_NeverOverwritesTheStoredSpiffeId()
    {
        var fixture = new ReconcileFixture();
        var full = ReconcileFixture.User("svc-x") with { SpiffePath = "/aws/iam/automation/svc-x" };
        fixture.Apply(ReconcileFixture.Batch([full], []));

        var guess = ReconcileFixture.User("svc-x") with { Partial = true, Class = null, OwnerStated = false };
        var result = fixture.Apply(ReconcileFixture.Batch([guess], []));

        Assert.False(result.HasChanges);
        var stored = Assert.Single(fixture.Identities);
        Assert.EndsWith("/aws/iam/automation/svc-x", stored.SpiffeId, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_RevokedCredential_StaysRevoked()
    {
        var fixture = new ReconcileFixture();
        var batch = ReconcileFixture.Batch([ReconcileFixture.User("svc-x")], [FromReport()], "aws/iam/");
        fixture.Apply(batch);
        fixture.Credentials[0].State = CredentialState.Revoked;

        fixture.Apply(batch);
        fixture.Apply(ReconcileFixture.Batch([], [], "aws/iam/"));

        Assert.Equal(CredentialState.Revoked, fixture.Credentials[0].State);
    }

    [Fact]
    public void Reconcile_BatchListingAKeyTwice_IsRejected()
    {
        var fixture = new ReconcileFixture();

        Assert.Throws<ArgumentException>(() =>
            fixture.Apply(ReconcileFixture.Batch([], [FromReport(), FromKeyList()])));
    }
}
