using Lanyard.Core.Policy;

namespace Lanyard.Core.Tests.Policy;

public sealed class PolicyEvaluatorTests
{
    private static readonly EnvironmentPolicy Prod = PolicyReader.Read("""
        environment: prod
        owner-required: true
        credentials:
          api-key: { allowed: false }
          client-secret: { max-lifetime: 90d }
          access-token: { max-lifetime: 15m }
          x509-svid: { max-lifetime: 1h, default-lifetime: 30m }
        identities:
          - match: "payments-*"
            spiffe-paths: ["/payments-*"]
            dns-names: ["*.payments.internal"]
            scopes: ["payments:*"]
          - match: "payments-api"
            dns-names: ["api.example.com"]
        """).Policy!;

    private static IssuanceRequest Request(PolicyCredentialKind kind, string identity = "payments-api") =>
        new(kind, identity, TimeSpan.FromDays(30)) { HasOwner = true };

    [Fact]
    public void Without_a_policy_everything_is_allowed_with_the_paths_default()
    {
        var decision = PolicyEvaluator.Evaluate(null, Request(PolicyCredentialKind.ApiKey) with { HasOwner = false, DnsNames = ["x.example"] });

        Assert.True(decision.Allowed);
        Assert.Equal(TimeSpan.FromDays(30), decision.Lifetime);
    }

    [Fact]
    public void A_forbidden_kind_is_refused_naming_the_rule_and_the_environment()
    {
        var refusal = PolicyEvaluator.Evaluate(Prod, Request(PolicyCredentialKind.ApiKey)).Refusal;

        Assert.NotNull(refusal);
        Assert.Equal("credentials.api-key.allowed", refusal.Rule);
        Assert.Equal("policy prod: credentials.api-key.allowed is false", refusal.Detail);
        Assert.Equal(ProblemKind.Forbidden, refusal.ToProblem().Kind);
    }

    [Fact]
    public void A_requested_lifetime_beyond_the_maximum_is_refused_not_shortened()
    {
        var decision = PolicyEvaluator.Evaluate(Prod, Request(PolicyCredentialKind.ClientSecret) with { RequestedLifetime = TimeSpan.FromDays(91) });

        Assert.Equal("credentials.client-secret.max-lifetime", decision.Refusal?.Rule);
        Assert.Equal("policy prod: credentials.client-secret.max-lifetime is 90d; 91d was asked for", decision.Refusal?.Detail);
        Assert.Equal("ttl", decision.Refusal?.Field);
    }

    [Fact]
    public void A_requested_lifetime_within_the_maximum_is_issued_as_asked()
    {
        var decision = PolicyEvaluator.Evaluate(Prod, Request(PolicyCredentialKind.ClientSecret) with { RequestedLifetime = TimeSpan.FromDays(90) });

        Assert.True(decision.Allowed);
        Assert.Equal(TimeSpan.FromDays(90), decision.Lifetime);
    }

    [Fact]
    public void Without_a_requested_lifetime_the_paths_default_is_capped_at_the_maximum()
    {
        var decision = PolicyEvaluator.Evaluate(Prod, new IssuanceRequest(PolicyCredentialKind.AccessToken, "payments-api", TimeSpan.FromHours(1)));

        Assert.True(decision.Allowed);
        Assert.Equal(TimeSpan.FromMinutes(15), decision.Lifetime);
    }

    [Fact]
    public void Without_a_requested_lifetime_the_policys_default_wins_over_the_paths()
    {
        var decision = PolicyEvaluator.Evaluate(Prod, Request(PolicyCredentialKind.X509Svid) with { SpiffePath = "/payments-api" });

        Assert.Equal(TimeSpan.FromMinutes(30), decision.Lifetime);
    }

    [Fact]
    public void An_identity_without_an_owner_is_refused_when_the_policy_requires_one()
    {
        var refusal = PolicyEvaluator.Evaluate(Prod, Request(PolicyCredentialKind.ClientSecret) with { HasOwner = false }).Refusal;

        Assert.Equal("policy prod: owner-required is true and identity 'payments-api' has no owner", refusal?.Detail);
    }

    [Theory]
    [InlineData("a.payments.internal", true)]
    [InlineData("API.payments.internal", true)]
    [InlineData("api.example.com", true)]
    [InlineData("a.b.payments.internal", false)]
    [InlineData("payments.internal", false)]
    [InlineData("evil.example.com", false)]
    public void DNS_names_must_match_a_pattern_of_a_rule_the_identity_matches(string name, bool allowed)
    {
        var decision = PolicyEvaluator.Evaluate(Prod, Request(PolicyCredentialKind.TlsCertificate) with { DnsNames = ["x.payments.internal", name] });

        Assert.Equal(allowed, decision.Allowed);
        if (!allowed)
        {
            Assert.Equal("identities.dns-names", decision.Refusal!.Rule);
            Assert.Contains($"DNS name '{name}'", decision.Refusal.Detail, StringComparison.Ordinal);
            Assert.Equal("dnsNames", decision.Refusal.Field);
        }
    }

    [Fact]
    public void A_rules_names_do_not_extend_to_identities_it_does_not_match()
    {
        var decision = PolicyEvaluator.Evaluate(Prod, Request(PolicyCredentialKind.TlsCertificate, "payments-worker") with { DnsNames = ["api.example.com"] });

        Assert.False(decision.Allowed);
    }

    [Fact]
    public void An_identity_no_rule_matches_receives_no_names_and_is_told_so()
    {
        var refusal = PolicyEvaluator.Evaluate(Prod, Request(PolicyCredentialKind.ClientSecret, "orders") with { Scopes = ["orders:read"] }).Refusal;

        Assert.Equal("policy prod: scope 'orders:read' is refused: no rule under identities matches identity 'orders'", refusal?.Detail);
    }

    [Theory]
    [InlineData("/payments-api", true)]
    [InlineData("/payments-api/extra", false)]
    [InlineData("/orders", false)]
    public void An_svids_SPIFFE_path_must_match_the_identitys_patterns(string path, bool allowed)
    {
        foreach (var kind in new[] { PolicyCredentialKind.X509Svid, PolicyCredentialKind.JwtSvid })
        {
            var decision = PolicyEvaluator.Evaluate(Prod, Request(kind) with { SpiffePath = path });

            Assert.Equal(allowed, decision.Allowed);
            Assert.Equal(allowed ? null : "identities.spiffe-paths", decision.Refusal?.Rule);
        }
    }

    [Fact]
    public void Without_an_identities_list_names_and_scopes_are_not_restricted()
    {
        var policy = PolicyReader.Read("environment: dev\n").Policy!;

        var decision = PolicyEvaluator.Evaluate(policy, Request(PolicyCredentialKind.TlsCertificate) with
        {
            DnsNames = ["anything.example"], Scopes = ["any:scope"], SpiffePath = "/x",
        });

        Assert.True(decision.Allowed);
    }

    [Fact]
    public void Allowed_scopes_keep_only_those_the_identitys_rules_grant()
    {
        var scopes = PolicyEvaluator.AllowedScopes(Prod, "payments-api", ["payments:read", "admin", "payments:write"]);

        Assert.Equal(["payments:read", "payments:write"], scopes);
    }

    [Fact]
    public void Comparing_two_policies_lists_each_changed_setting_with_its_old_and_new_value()
    {
        var changed = PolicyReader.Read("""
            environment: prod
            owner-required: true
            credentials:
              api-key: { allowed: false }
              client-secret: { max-lifetime: 60d }
              access-token: { max-lifetime: 15m }
              x509-svid: { max-lifetime: 1h, default-lifetime: 30m }
            """).Policy!;

        var changes = PolicySettings.Compare(Prod, changed);

        Assert.Contains(new PolicyChange("credentials.client-secret.max-lifetime", "90d", "60d"), changes);
        Assert.Contains(new PolicyChange("identities[0].match", "payments-*", null), changes);
        Assert.DoesNotContain(changes, c => c.Key == "credentials.api-key.allowed");
        Assert.All(PolicySettings.Compare(null, changed), c => Assert.Null(c.Before));
    }

    [Fact]
    public void Applying_a_policy_sets_the_environments_thresholds_and_resets_unset_ones()
    {
        var environment = new Inventory.DeploymentEnvironment { Name = "prod", TrustDomain = "prod.test", StaleAfterDays = 5, RotateAfterDays = 7 };
        var policy = PolicyReader.Read("environment: prod\nstale-after: 60d\noverlap: 12h\nsigning-key-rotation: 7d\n").Policy!;

        PolicySettings.ApplyTo(policy, environment);

        Assert.Equal((60, 30, 90, 12, 7), (environment.StaleAfterDays, environment.RenewalWindowDays, environment.RotateAfterDays,
            environment.RotationOverlapHours, environment.SigningKeyRotationDays));
    }
}
