using Lanyard.Core.Inventory;
using Lanyard.Core.Posture;

namespace Lanyard.Core.Tests.Posture;

public sealed class HardcodedSecretRuleTests
{
    private const string KeyFingerprint = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private const string OtherFingerprint = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    [Fact]
    public void A_reported_secret_matching_a_credential_names_its_identity_environment_and_owner()
    {
        var builder = new PostureBuilder();
        var owner = builder.Owner("team-payments");
        var identity = builder.Identity("billing-api", owner: owner, environment: "prod");
        var credential = builder.Add(builder.Credential("access key AKIA", "prod") with
        {
            IdentityId = identity.Id, OwnerId = null, Fingerprint = KeyFingerprint,
        });
        builder.Sighting(KeyFingerprint, "deploy/prod.env", 7, commit: "0123456789abcdef0123456789abcdef01234567");

        var finding = Assert.Single(builder.Analyze(), f => f.Kind == FindingKind.HardcodedSecret);

        Assert.Equal(credential.Id, finding.CredentialId);
        Assert.Equal("billing-api", finding.IdentityName);
        Assert.Equal("prod", finding.Environment);
        Assert.Equal("team-payments", finding.Owner);
        Assert.Equal(KeyFingerprint, finding.Fingerprint);
        var location = Assert.Single(finding.Locations);
        Assert.Equal(("github.com/acme/billing", "deploy/prod.env", 7), (location.Source, location.Path, location.Line));
        Assert.Contains("github.com/acme/billing deploy/prod.env:7 (commit 0123456789ab)", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_reported_in_several_places_is_one_finding_listing_every_place_since_the_first_report()
    {
        var builder = new PostureBuilder();
        builder.Sighting(KeyFingerprint, "b.env", 1, firstReported: PostureBuilder.AsOf.AddDays(-3));
        builder.Sighting(KeyFingerprint, "a.env", 9, firstReported: PostureBuilder.AsOf.AddDays(-20));
        builder.Sighting(KeyFingerprint, "a.env", 9, source: "registry.acme.io/billing:1.4", firstReported: PostureBuilder.AsOf.AddDays(-5));

        var finding = Assert.Single(builder.Analyze());

        Assert.Equal(PostureBuilder.AsOf.AddDays(-20), finding.Since);
        Assert.Equal(
            ["github.com/acme/billing a.env", "github.com/acme/billing b.env", "registry.acme.io/billing:1.4 a.env"],
            finding.Locations.Select(l => $"{l.Source} {l.Path}"));
        Assert.EndsWith("and 2 more places; no credential in the inventory has this fingerprint", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_the_inventory_does_not_know_is_still_a_finding_without_identity_or_environment()
    {
        var builder = new PostureBuilder();
        builder.Add(builder.Credential("unrelated") with { Fingerprint = OtherFingerprint });
        builder.Sighting(KeyFingerprint);

        var finding = Assert.Single(builder.Analyze());

        Assert.Equal(FindingKind.HardcodedSecret, finding.Kind);
        Assert.Equal(string.Empty, finding.Environment);
        Assert.Null(finding.CredentialId);
        Assert.Null(finding.IdentityName);
        Assert.Null(finding.Owner);
    }

    [Fact]
    public void As_of_a_moment_before_the_first_report_the_secret_is_not_a_finding_yet()
    {
        var builder = new PostureBuilder();
        builder.Sighting(KeyFingerprint, firstReported: PostureBuilder.AsOf.AddDays(-2));

        Assert.Empty(builder.Analyze(PostureBuilder.AsOf.AddDays(-3)));
        Assert.Single(builder.Analyze(PostureBuilder.AsOf.AddDays(-2)));
    }

    [Fact]
    public void A_secret_reused_in_two_environments_is_a_finding_in_each_for_its_own_owner()
    {
        var builder = new PostureBuilder();
        var dev = builder.Add(builder.Credential("Secret dev/db key password", "dev") with { Fingerprint = KeyFingerprint });
        var prod = builder.Add(builder.Credential("Secret prod/db key password", "prod") with { Fingerprint = KeyFingerprint });
        builder.Sighting(KeyFingerprint);

        var hardcoded = builder.Analyze().Where(f => f.Kind == FindingKind.HardcodedSecret).ToList();

        Assert.Equal([dev.Id, prod.Id], hardcoded.Select(f => f.CredentialId!.Value));
        Assert.Equal(["dev", "prod"], hardcoded.Select(f => f.Environment));
    }

    [Fact]
    public void A_revoked_copy_is_named_only_when_no_live_credential_has_the_fingerprint()
    {
        var builder = new PostureBuilder();
        var revoked = builder.Add(builder.Credential("old key", "prod") with
        {
            Fingerprint = KeyFingerprint, State = CredentialState.Revoked,
        });
        builder.Sighting(KeyFingerprint);

        var alone = Assert.Single(builder.Analyze());
        var live = builder.Add(builder.Credential("new key", "prod") with { Fingerprint = KeyFingerprint });
        var withLive = Assert.Single(builder.Analyze());

        Assert.Equal(revoked.Id, alone.CredentialId);
        Assert.EndsWith("the credential is revoked", alone.Reason, StringComparison.Ordinal);
        Assert.Equal(live.Id, withLive.CredentialId);
    }
}
