using Lanyard.Core.Inventory;
using Lanyard.Core.Policy;
using Lanyard.Core.Posture;

namespace Lanyard.Core.Tests.Posture;

public sealed class PolicyViolationTests
{
    private static readonly EnvironmentPolicy Prod = PolicyReader.Read("""
        environment: prod
        credentials:
          api-key: { allowed: false }
          client-secret: { max-lifetime: 30d }
        identities:
          - match: "web-*"
            spiffe-paths: ["/web-*"]
            dns-names: ["*.web.example"]
        """).Policy!;

    private static (PostureBuilder Builder, PostureIdentity Identity) Build(string identityName = "web-front")
    {
        var builder = new PostureBuilder();
        builder.Policy(Prod);
        var owner = builder.Owner("team-web");
        return (builder, builder.Identity(identityName, owner: owner, environment: "prod"));
    }

    private static PostureCredential Issued(
        PostureBuilder builder, PostureIdentity identity, CredentialKind kind, TimeSpan lifetime, params string[] names) =>
        builder.Add(builder.Credential(kind.ToString(), "prod") with
        {
            IdentityId = identity.Id, Kind = kind, Source = CredentialSource.Issued,
            CreatedAt = PostureBuilder.AsOf.AddHours(-1), ExpiresAt = PostureBuilder.AsOf.AddHours(-1) + lifetime,
        } with { SubjectAlternativeNames = names });

    [Fact]
    public void A_live_issued_credential_of_a_forbidden_kind_is_a_policy_violation_naming_the_rule()
    {
        var (builder, identity) = Build();
        Issued(builder, identity, CredentialKind.ApiKey, TimeSpan.FromDays(7));

        var finding = Assert.Single(builder.Analyze(), f => f.Kind == FindingKind.PolicyViolation);

        Assert.Equal("the policy in force would refuse it now: policy prod: credentials.api-key.allowed is false", finding.Reason);
        Assert.Equal("web-front", finding.IdentityName);
    }

    [Theory]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void A_client_secret_is_a_violation_only_when_it_lives_longer_than_the_maximum(int days, bool violation)
    {
        var (builder, identity) = Build();
        Issued(builder, identity, CredentialKind.ClientSecret, TimeSpan.FromDays(days));

        var findings = builder.Analyze().Where(f => f.Kind == FindingKind.PolicyViolation).ToList();

        Assert.Equal(violation, findings.Count == 1);
        if (violation)
        {
            Assert.Equal("issued for 31d, longer than policy prod allows: credentials.client-secret.max-lifetime is 30d", findings[0].Reason);
        }
    }

    [Theory]
    [InlineData("api.web.example", false)]
    [InlineData("api.other.example", true)]
    public void A_tls_certificate_naming_a_dns_name_outside_the_identitys_patterns_is_a_violation(string name, bool violation)
    {
        var (builder, identity) = Build();
        Issued(builder, identity, CredentialKind.Certificate, TimeSpan.FromDays(30), name, "spiffe://prod.lanyard.internal/web-front");

        Assert.Equal(violation, builder.Analyze().Any(f => f.Kind == FindingKind.PolicyViolation));
    }

    [Fact]
    public void An_svid_whose_spiffe_path_no_rule_allows_is_a_violation()
    {
        var (builder, identity) = Build("batch-job");
        Issued(builder, identity, CredentialKind.Certificate, TimeSpan.FromHours(2), "spiffe://prod.lanyard.internal/batch-job");

        var finding = Assert.Single(builder.Analyze(), f => f.Kind == FindingKind.PolicyViolation);

        Assert.Contains("SPIFFE path '/batch-job'", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoked_discovered_and_ungoverned_credentials_are_never_policy_violations()
    {
        var (builder, identity) = Build();
        Issued(builder, identity, CredentialKind.ApiKey, TimeSpan.FromDays(7));
        var revoked = builder.Add(builder.Credential("revoked", "prod") with
        {
            IdentityId = identity.Id, Kind = CredentialKind.ApiKey, Source = CredentialSource.Issued, State = CredentialState.Revoked,
        });
        builder.Add(builder.Credential("discovered", "prod") with { Kind = CredentialKind.ApiKey });
        builder.Add(builder.Credential("dev key", "dev") with { Kind = CredentialKind.ApiKey, Source = CredentialSource.Issued });

        var violations = builder.Analyze().Where(f => f.Kind == FindingKind.PolicyViolation).ToList();

        Assert.Single(violations);
        Assert.NotEqual(revoked.Id, violations[0].CredentialId);
    }
}
