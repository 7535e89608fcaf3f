using Lanyard.Core.Inventory;
using Lanyard.Core.Posture;

namespace Lanyard.Core.Tests.Posture;

public sealed class PostureAnalyzerTests
{
    private static readonly DateTimeOffset AsOf = PostureBuilder.AsOf;

    [Fact]
    public void Analyze_MachineIdentityWithoutOwner_IsOrphanedSinceItsCreation()
    {
        var builder = new PostureBuilder();
        var identity = builder.Identity("ci/deploy-bot");

        var finding = Assert.Single(builder.Analyze());

        Assert.Equal(FindingKind.Orphaned, finding.Kind);
        Assert.Equal("ci/deploy-bot", finding.IdentityName);
        Assert.Equal(identity.CreatedAt, finding.Since);
    }

    [Theory]
    [InlineData(IdentityClass.Human)]
    [InlineData(IdentityClass.System)]
    public void Analyze_HumanAndSystemIdentitiesWithoutOwner_AreNeverOrphaned(IdentityClass kind)
    {
        var builder = new PostureBuilder();
        builder.Identity("kube-system/coredns", kind);

        Assert.Empty(builder.Analyze());
    }

    [Fact]
    public void Analyze_GoneOrOwnedMachineIdentity_IsNotOrphaned()
    {
        var builder = new PostureBuilder();
        builder.Identity("old", gone: true);
        builder.Identity("owned", owner: builder.Owner("team-a"));

        Assert.Empty(builder.Analyze());
    }

    [Fact]
    public void Analyze_DiscoveredCredentialWithNeitherIdentityNorOwner_IsOrphaned()
    {
        var builder = new PostureBuilder();
        builder.Add(builder.Credential("Secret a/b key password") with { OwnerId = null });

        var finding = Assert.Single(builder.Analyze());

        Assert.Equal(FindingKind.Orphaned, finding.Kind);
        Assert.Equal("Secret a/b key password", finding.CredentialName);
    }

    [Fact]
    public void Analyze_AsOfADate_LeavesOutIdentitiesAndCredentialsCreatedAfterIt()
    {
        var builder = new PostureBuilder();
        builder.Identity("ci/deploy-bot");
        builder.Add(builder.Credential("Secret a/b old password") with { OwnerId = null });
        var recent = builder.Credential("Secret a/b new password") with { OwnerId = null, CreatedAt = AsOf.AddDays(-10) };
        builder.Add(recent);

        var atFirst = builder.Analyze(AsOf.AddDays(-30));
        var now = builder.Analyze(AsOf);

        var named = atFirst.Select(f => f.IdentityName ?? f.CredentialName).Order(StringComparer.Ordinal);
        Assert.Equal(["Secret a/b old password", "ci/deploy-bot"], named);
        Assert.Contains(now, f => f.CredentialName == "Secret a/b new password");
        Assert.Empty(builder.Analyze(AsOf.AddDays(-500)));
    }

    [Theory]
    [InlineData(89, false)]
    [InlineData(90, false)]
    [InlineData(91, true)]
    public void Analyze_TrackedKeyUnusedForDays_IsStaleOnlyPastTheLimit(int days, bool stale)
    {
        var builder = new PostureBuilder();
        var owner = builder.Owner("team-a");
        builder.Add(builder.Credential("access key AKIA1") with
        {
            OwnerId = owner, UsageTracked = true, LastUsedAt = AsOf.AddDays(-days),
        });

        var findings = builder.Analyze();

        Assert.Equal(stale, findings.Any(f => f.Kind == FindingKind.Stale));
    }

    [Fact]
    public void Analyze_StaleKey_SaysHowLongAndSinceWhen()
    {
        var builder = new PostureBuilder();
        var lastUsed = new DateTimeOffset(2026, 7, 9, 6, 41, 0, TimeSpan.Zero);
        builder.Add(builder.Credential("access key AKIA1") with { UsageTracked = true, LastUsedAt = lastUsed });

        var finding = Assert.Single(builder.Analyze(), f => f.Kind == FindingKind.Stale);

        Assert.Equal("unused for 129 days; the environment's limit is 90", finding.Reason);
        Assert.Equal(lastUsed.AddDays(90), finding.Since);
    }

    [Fact]
    public void Analyze_NeverUsedTrackedKey_IsStaleWhenCreatedLongAgo()
    {
        var builder = new PostureBuilder();
        var created = new DateTimeOffset(2026, 2, 17, 11, 48, 9, TimeSpan.Zero);
        builder.Add(builder.Credential("access key AKIA2") with { UsageTracked = true, CreatedAt = created });
        builder.Add(builder.Credential("access key AKIA3") with { UsageTracked = true, CreatedAt = AsOf.AddDays(-10) });

        var finding = Assert.Single(builder.Analyze(), f => f.Kind == FindingKind.Stale);

        Assert.Equal("access key AKIA2", finding.CredentialName);
        Assert.Contains("never used in the 271 days", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_UntrackedUsage_IsUnknownAndNeverStale()
    {
        var builder = new PostureBuilder();
        builder.Add(builder.Credential("Secret a/b key password") with { CreatedAt = AsOf.AddYears(-3) });

        Assert.Empty(builder.Analyze());
    }

    [Fact]
    public void Analyze_StaleLimit_ComesFromTheEnvironment()
    {
        var builder = new PostureBuilder();
        builder.Environment("prod").StaleAfterDays = 30;
        builder.Add(builder.Credential("k", "prod") with { UsageTracked = true, LastUsedAt = AsOf.AddDays(-31) });

        var finding = Assert.Single(builder.Analyze());

        Assert.Equal(FindingKind.Stale, finding.Kind);
        Assert.EndsWith("the environment's limit is 30", finding.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-2, FindingKind.Expired)]
    [InlineData(0, FindingKind.Expiring)]
    [InlineData(6, FindingKind.Expiring)]
    [InlineData(30, FindingKind.Expiring)]
    public void Analyze_CertificateNearOrPastNotAfter_IsExpiringOrExpired(int days, FindingKind kind)
    {
        var builder = new PostureBuilder();
        var expiresAt = AsOf.AddDays(days);
        builder.Add(builder.Credential("Secret t/tls key tls.crt") with { ExpiresAt = expiresAt });

        var finding = Assert.Single(builder.Analyze());

        Assert.Equal(kind, finding.Kind);
        Assert.Equal(kind == FindingKind.Expired ? expiresAt : expiresAt.AddDays(-30), finding.Since);
    }

    [Fact]
    public void Analyze_CertificateBeyondTheRenewalWindow_IsFine()
    {
        var builder = new PostureBuilder();
        builder.Add(builder.Credential("c") with { ExpiresAt = AsOf.AddDays(30).AddSeconds(1) });

        Assert.Empty(builder.Analyze());
    }
}
