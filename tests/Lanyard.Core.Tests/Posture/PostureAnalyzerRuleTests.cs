
using Lanyard.Core.Inventory;
using Lanyard.Core.Posture;

namespace Lanyard.Core.Tests.Posture;

public sealed class PostureAnalyzerRuleTests
{
    [Theory]
    [InlineData("RSA", 1024, "sha256WithRSAEncryption", true)]
    [InlineData("RSA", 2048, "sha256WithRSAEncryption", false)]
    [InlineData("RSA", 2048, "sha1WithRSAEncryption", true)]
    [InlineData("EC", 256, "ecdsa-with-SHA1", true)]
    [InlineData("EC", 256, "ecdsa-with-SHA256", false)]
    public void Analyze_KeyAndSignature_AreWeakBelowRsa2048OrWithSha1(
        string algorithm, int size, string signature, bool weak)
    {
        var builder = new PostureBuilder();
        builder.Add(builder.Credential("c") with
        {
            KeyAlgorithm = algorithm, KeySize = size, SignatureAlgorithm = signature,
        });

        Assert.Equal(weak, builder.Analyze().Any(f => f.Kind == FindingKind.WeakKey));
    }

    [Theory]
    [InlineData(CredentialState.Gone)]
    [InlineData(CredentialState.Revoked)]
    public void Analyze_GoneOrRevokedCredentials_RaiseNothing(CredentialState state)
    {
        var builder = new PostureBuilder();
        builder.Add(builder.Credential("c") with
        {
            State = state, OwnerId = null, KeyAlgorithm = "RSA", KeySize = 512, ExpiresAt = PostureBuilder.AsOf,
            UsageTracked = true, Fingerprint = "f",
        });
        builder.Add(builder.Credential("c", "prod") with { Fingerprint = "f" });

        Assert.Empty(builder.Analyze());
    }

    [Fact]
    public void Analyze_FingerprintInTwoEnvironments_IsOneReuseFindingListingEveryOccurrence()
    {
        var builder = new PostureBuilder();
        builder.Add(builder.Credential("Secret orders/db key password", "staging") with { Fingerprint = "f35" });
        builder.Add(builder.Credential("Secret orders/db key password", "prod") with { Fingerprint = "f35" });
        builder.Add(builder.Credential("Secret copy/db key password", "prod") with { Fingerprint = "f35" });
        builder.Add(builder.Credential("Secret other key password", "dev") with { Fingerprint = "other" });

        var finding = Assert.Single(builder.Analyze());

        Assert.Equal(FindingKind.ReusedAcrossEnvironments, finding.Kind);
        Assert.Equal("prod", finding.Environment);
        Assert.Equal("f35", finding.Fingerprint);
        Assert.Equal(["prod", "prod", "staging"], finding.Occurrences.Select(o => o.Environment));
    }

    [Fact]
    public void Analyze_FingerprintTwiceInOneEnvironment_IsNoReuse()
    {
        var builder = new PostureBuilder();
        builder.Add(builder.Credential("a", "staging") with { Fingerprint = "f" });
        builder.Add(builder.Credential("b", "staging") with { Fingerprint = "f" });

        Assert.Empty(builder.Analyze());
    }

    [Fact]
    public void Analyze_FindingOwner_IsTheCredentialsOwnerElseItsIdentitys()
    {
        var builder = new PostureBuilder();
        var identity = builder.Identity("svc", owner: builder.Owner("team-id"));
        builder.Add(builder.Credential("k") with
        {
            OwnerId = null, IdentityId = identity.Id, ExpiresAt = PostureBuilder.AsOf.AddDays(-1),
        });

        var finding = Assert.Single(builder.Analyze());

        Assert.Equal("team-id", finding.Owner);
        Assert.Equal("svc", finding.IdentityName);
    }

    [Fact]
    public void Analyze_Findings_AreSortedByKindEnvironmentAndName()
    {
        var builder = new PostureBuilder();
        builder.Identity("zeta", environment: "prod");
        builder.Identity("alpha", environment: "prod");
        builder.Identity("beta", environment: "dev");
        builder.Add(builder.Credential("old", "dev") with { ExpiresAt = PostureBuilder.AsOf.AddDays(-1) });

        var findings = builder.Analyze();

        Assert.Equal(
            ["dev beta", "prod alpha", "prod zeta", "dev old"],
            findings.Select(f => $"{f.Environment} {f.IdentityName ?? f.CredentialName}"));
    }

    [Fact]
    public void Analyze_AMillionCredentials_FindsEveryStaleKeyAndEverySharedValue()
    {
        var builder = new PostureBuilder();
        var owner = builder.Owner("team-a");
        var identities = Enumerable.Range(0, 10_000).Select(i => builder.Identity($"svc-{i}", owner: owner)).ToList();
        string[] environments = ["dev", "staging", "prod"];
        for (var i = 0; i < 1_000_000; i++)
        {
            builder.Add(new PostureCredential(
                CredentialId.New(), identities[i % identities.Count].Id, environments[i % 3], null, $"key {i}",
                CredentialKind.AccessKey, CredentialSource.Discovered, CredentialState.Active,
                // Every thousandth value is shared across environments; every hundredth key is stale.
                i % 1000 < 3 ? $"shared-{i / 1000}" : $"fp-{i}",
                PostureBuilder.AsOf.AddDays(-400), null, PostureBuilder.AsOf.AddDays(-(i % 100 == 0 ? 200 : 1)),
                true, "RSA", 2048, "sha256WithRSAEncryption"));
        }

        var findings = builder.Analyze();

        // Every hundredth key is stale (10,000), and each thousand shares one value across dev, staging and prod (1,000).
        Assert.Equal(10_000 + 1_000, findings.Count);
        Assert.Equal(1_000, findings.Count(f => f.Kind == FindingKind.ReusedAcrossEnvironments));
    }
}
