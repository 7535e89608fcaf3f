using Lanyard.Core.Policy;

namespace Lanyard.Core.Tests.Policy;

public sealed class PolicyReaderTests
{
    private const string Full = """
        environment: prod
        credentials:
          api-key: { allowed: false }
          client-secret: { max-lifetime: 90d, rotate-after: 60d, overlap: 24h }
          access-token: { max-lifetime: 15m }
          x509-svid: { max-lifetime: 1h, default-lifetime: 30m }
          tls-certificate: { max-lifetime: 30d }
        stale-after: 60d
        renewal-window: 10d
        signing-key-rotation: 14d
        owner-required: true
        identities:
          - match: "payments-*"
            spiffe-paths: ["/payments-*"]
            dns-names: ["*.payments.internal", "payments.example.com"]
            scopes: ["payments:read", "payments:write"]
        """;

    [Fact]
    public void A_complete_policy_reads_into_every_setting()
    {
        var result = PolicyReader.Read(Full);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var policy = result.Policy!;
        Assert.Equal("prod", policy.Environment);
        Assert.False(policy.For(PolicyCredentialKind.ApiKey).Allowed);
        Assert.Equal(TimeSpan.FromDays(90), policy.For(PolicyCredentialKind.ClientSecret).MaxLifetime);
        Assert.Equal(TimeSpan.FromDays(60), policy.RotateAfterFor(PolicyCredentialKind.ClientSecret));
        Assert.Equal(TimeSpan.FromHours(24), policy.OverlapFor(PolicyCredentialKind.ClientSecret));
        Assert.Equal(TimeSpan.FromMinutes(15), policy.For(PolicyCredentialKind.AccessToken).MaxLifetime);
        Assert.Equal(TimeSpan.FromMinutes(30), policy.For(PolicyCredentialKind.X509Svid).DefaultLifetime);
        Assert.True(policy.For(PolicyCredentialKind.JwtSvid).Allowed);
        Assert.Equal(TimeSpan.FromDays(60), policy.StaleAfter);
        Assert.Equal(TimeSpan.FromDays(14), policy.SigningKeyRotation);
        Assert.True(policy.OwnerRequired);
        var rule = Assert.Single(policy.Identities!);
        Assert.True(rule.Match.Matches("payments-api"));
        Assert.Equal(["payments:read", "payments:write"], rule.Scopes.Select(s => s.Text));
    }

    [Theory]
    [InlineData("environment: prod\ncolour: blue\n", 2, 1, "unknown key 'colour' in the policy")]
    [InlineData("environment: prod\ncredentials:\n  api-key: { alowed: false }\n", 3, 14, "unknown key 'alowed' in credentials.api-key")]
    [InlineData("environment: prod\ncredentials:\n  ssh-key: { allowed: false }\n", 3, 3, "unknown credential kind 'ssh-key'")]
    [InlineData("environment: prod\nowner-required: yes please\n", 2, 17, "expected true or false")]
    [InlineData("environment: prod\nstale-after: [90d]\n", 2, 14, "stale-after must be a single value")]
    [InlineData("environment: prod\nstale-after: -5d\n", 2, 14, "a duration cannot be negative")]
    [InlineData("environment: prod\nstale-after: ninety days\n", 2, 14, "not a duration")]
    [InlineData("environment: prod\nstale-after: 36h\n", 2, 14, "write it in whole days")]
    [InlineData("environment: prod\ncredentials:\n  access-token: { max-lifetime: 2d }\n", 3, 33, "must lie between 1m and 1d")]
    [InlineData("environment: prod\ncredentials:\n  access-token: { rotate-after: 2d }\n", 3, 33, "only api-key and client-secret are rotated")]
    [InlineData("environment: Prod!\n", 1, 14, "not an environment name")]
    [InlineData("credentials: {}\n", 1, 1, "'environment' is missing")]
    [InlineData("environment: prod\nidentities:\n  - spiffe-paths: [\"/a\"]\n", 3, 5, "identities[0].match is missing")]
    [InlineData("environment: prod\nidentities:\n  - match: \"pay ments\"\n", 3, 12, "' ' may not appear")]
    [InlineData("environment: prod\nidentities:\n  - match: a\n    spiffe-paths: [\"payments\"]\n", 4, 20, "must start with '/'")]
    [InlineData("environment: prod\nidentities:\n  - match: a\n    dns-names: [\"a..b\"]\n", 4, 17, "labels are 1 to 63 characters")]
    [InlineData("environment: prod\nidentities:\n  - match: a\n    dns-names: [\"a_b.example\"]\n", 4, 17, "'_' may not appear")]
    [InlineData("environment: prod\nidentities:\n  - match: a\n    scopes: payments:read\n", 4, 13, "must be a list of patterns")]
    [InlineData("environment: prod\nenvironment: dev\n", 2, 1, "invalid YAML")]
    [InlineData("environment: [prod\n", 2, 1, "invalid YAML")]
    public void An_invalid_policy_names_the_line_and_column_of_the_fault(string yaml, int line, int column, string message)
    {
        var result = PolicyReader.Read(yaml);

        Assert.Null(result.Policy);
        var error = Assert.Single(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void A_rotation_age_longer_than_the_lifetime_is_refused_at_the_rotation_age()
    {
        var result = PolicyReader.Read("""
            environment: prod
            credentials:
              client-secret:
                max-lifetime: 30d
                rotate-after: 60d
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((5, 19), (error.Line, error.Column));
        Assert.Contains("credentials.client-secret.rotate-after (60d) is not shorter than credentials.client-secret.max-lifetime (30d)",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_wide_rotation_age_is_checked_against_each_kinds_lifetime()
    {
        var result = PolicyReader.Read("environment: prod\nrotate-after: 45d\ncredentials:\n  api-key: { max-lifetime: 30d }\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 15), (error.Line, error.Column));
        Assert.StartsWith("rotate-after (45d) is not shorter than credentials.api-key.max-lifetime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlap_as_long_as_the_rotation_age_is_refused()
    {
        var result = PolicyReader.Read("environment: prod\ncredentials:\n  api-key: { rotate-after: 2d, overlap: 48h }\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("credentials.api-key.overlap (2d) is not shorter than credentials.api-key.rotate-after (2d)", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_lifetime_beyond_the_maximum_is_refused()
    {
        var result = PolicyReader.Read("environment: prod\ncredentials:\n  x509-svid: { max-lifetime: 1h, default-lifetime: 2h }\n");

        Assert.Contains("default-lifetime (2h) is longer than credentials.x509-svid.max-lifetime (1h)", Assert.Single(result.Errors).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_beside_a_forbidden_kind_are_refused_as_having_no_effect()
    {
        var result = PolicyReader.Read("environment: prod\ncredentials:\n  api-key: { allowed: false, max-lifetime: 1d }\n");

        Assert.Contains("has no effect", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_at_once_in_file_order()
    {
        var result = PolicyReader.Read("""
            environment: prod
            stale-after: -1d
            credentials:
              api-key: { max-lifetime: forever }
            colour: blue
            """);

        Assert.Equal([2, 4, 5], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void A_zero_overlap_is_a_valid_window()
    {
        var result = PolicyReader.Read("environment: dev\noverlap: 0\n");

        Assert.True(result.Succeeded);
        Assert.Equal(TimeSpan.Zero, result.Policy!.Overlap);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Contains("empty", Assert.Single(PolicyReader.Read("").Errors).Message, StringComparison.Ordinal);
    }
}
