using Lanyard.Core.Inventory;
using Lanyard.Core.Posture;

namespace Lanyard.Core.Tests.Posture;

/// <summary>Credentials Lanyard issues: renewal window of the last third of their lifetime, and renewed certificates left alone.</summary>
public sealed class IssuedCertificateExpiryTests
{
    private static readonly DateTimeOffset AsOf = PostureBuilder.AsOf;

    private static PostureCredential Svid(PostureBuilder builder, PostureIdentity identity, DateTimeOffset issuedAt) =>
        builder.Add(builder.Credential($"X.509-SVID of {identity.Name}") with
        {
            IdentityId = identity.Id,
            OwnerId = null,
            Kind = CredentialKind.Certificate,
            Source = CredentialSource.Issued,
            CreatedAt = issuedAt,
            ExpiresAt = issuedAt.AddHours(1),
        });

    [Fact]
    public void A_fresh_one_hour_svid_is_not_expiring_although_the_environment_window_is_30_days()
    {
        var builder = new PostureBuilder();
        var identity = builder.Identity("orders-api", owner: builder.Owner("team"));
        Svid(builder, identity, AsOf.AddMinutes(-10));

        Assert.Empty(builder.Analyze());
    }

    [Fact]
    public void An_svid_in_the_last_third_of_its_lifetime_is_expiring_and_says_why()
    {
        var builder = new PostureBuilder();
        var identity = builder.Identity("orders-api", owner: builder.Owner("team"));
        var svid = Svid(builder, identity, AsOf.AddMinutes(-41));

        var finding = Assert.Single(builder.Analyze());

        Assert.Equal(FindingKind.Expiring, finding.Kind);
        Assert.Equal(svid.ExpiresAt!.Value.AddMinutes(-20), finding.Since);
        Assert.Contains("the last third of its lifetime (20m)", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Expired_svids_replaced_by_a_newer_one_are_no_finding_but_the_newest_expired_one_is()
    {
        var builder = new PostureBuilder();
        var renewed = builder.Identity("renewed", owner: builder.Owner("team"));
        var abandoned = builder.Identity("abandoned", owner: builder.Owner("team"));
        Svid(builder, renewed, AsOf.AddHours(-5));
        Svid(builder, renewed, AsOf.AddHours(-3));
        Svid(builder, renewed, AsOf.AddMinutes(-5));
        Svid(builder, abandoned, AsOf.AddHours(-5));
        var last = Svid(builder, abandoned, AsOf.AddHours(-2));

        var finding = Assert.Single(builder.Analyze());

        Assert.Equal(FindingKind.Expired, finding.Kind);
        Assert.Equal(last.Id, finding.CredentialId);
    }

    [Fact]
    public void A_fresh_30_day_api_key_is_not_expiring_but_one_in_its_last_third_is()
    {
        var builder = new PostureBuilder();
        var identity = builder.Identity("billing-api", owner: builder.Owner("team"));
        ApiKey(builder, identity, "fresh key", AsOf.AddHours(-1));
        var old = ApiKey(builder, identity, "old key", AsOf.AddDays(-25));

        var finding = Assert.Single(builder.Analyze());

        Assert.Equal((FindingKind.Expiring, old.Id), (finding.Kind, finding.CredentialId));
        Assert.Contains("the last third of its lifetime (10d)", finding.Reason, StringComparison.Ordinal);
    }

    private static PostureCredential ApiKey(PostureBuilder builder, PostureIdentity identity, string name, DateTimeOffset issuedAt) =>
        builder.Add(builder.Credential(name) with
        {
            IdentityId = identity.Id,
            OwnerId = null,
            Kind = CredentialKind.ApiKey,
            Source = CredentialSource.Issued,
            CreatedAt = issuedAt,
            ExpiresAt = issuedAt.AddDays(30),
            UsageTracked = false,
        });
}
