using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Developer and operations services: Atlassian, Linear, Postman, New Relic, Pulumi, Doppler,
/// Terraform Cloud, HashiCorp Vault, Grafana, Sentry, age.
/// </summary>
internal sealed partial class DevToolsDetector() : PatternDetector(Name,
[
    Token("atlassian-api-token", "Atlassian API token", Atlassian(), "ATATT3"),
    Token("linear-api-key", "Linear API key", Linear(), "lin_api_"),
    Token("postman-api-key", "Postman API key", Postman(), "PMAK-"),
    Token("newrelic-user-api-key", "New Relic user API key", NewRelic(), "NRAK-"),
    Token("pulumi-access-token", "Pulumi access token", Pulumi(), "pul-"),
    Token("doppler-token", "Doppler service or personal token", Doppler(), "dp."),
    Token("terraform-cloud-token", "Terraform Cloud / Enterprise API token", Terraform(), ".atlasv1."),
    Token("vault-service-token", "HashiCorp Vault service token", VaultService(), "hvs."),
    Token("vault-batch-token", "HashiCorp Vault batch token", VaultBatch(), "hvb."),
    Token("grafana-cloud-token", "Grafana Cloud access policy token", GrafanaCloud(), "glc_"),
    Token("grafana-service-account-token", "Grafana service account token", GrafanaServiceAccount(), "glsa_"),
    Token("sentry-auth-token", "Sentry organization or user auth token", Sentry(), "sntry"),
    Token("age-secret-key", "age encryption secret key", Age(), "AGE-SECRET-KEY-1"),
])
{
    public const string Name = "devtools";

    private static PatternRule Token(string id, string description, Regex pattern, string prefix) =>
        new(new SecretRule(id, id, description, Name), pattern, prefix);

    [GeneratedRegex("(?<![A-Za-z0-9_-])ATATT3[A-Za-z0-9_=-]{180,190}(?![A-Za-z0-9_=-])")]
    private static partial Regex Atlassian();

    [GeneratedRegex("(?<![A-Za-z0-9_-])lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9_-])")]
    private static partial Regex Linear();

    [GeneratedRegex("(?<![A-Za-z0-9_-])PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9_-])")]
    private static partial Regex Postman();

    [GeneratedRegex("(?<![A-Za-z0-9_-])NRAK-[A-Z0-9]{27}(?![A-Za-z0-9_-])")]
    private static partial Regex NewRelic();

    [GeneratedRegex("(?<![A-Za-z0-9_-])pul-[a-f0-9]{40}(?![A-Za-z0-9_-])")]
    private static partial Regex Pulumi();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9_.-]{40,44}(?![A-Za-z0-9_.-])")]
    private static partial Regex Doppler();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])")]
    private static partial Regex Terraform();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])hvs\.[A-Za-z0-9_-]{90,120}(?![A-Za-z0-9_.-])")]
    private static partial Regex VaultService();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])hvb\.[A-Za-z0-9_-]{90,200}(?![A-Za-z0-9_.-])")]
    private static partial Regex VaultBatch();

    [GeneratedRegex("(?<![A-Za-z0-9_-])glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=_-])")]
    private static partial Regex GrafanaCloud();

    [GeneratedRegex("(?<![A-Za-z0-9_-])glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Za-z0-9_-])")]
    private static partial Regex GrafanaServiceAccount();

    [GeneratedRegex("(?<![A-Za-z0-9_-])(?:sntrys_eyJ[A-Za-z0-9+/=_-]{80,250}|sntryu_[a-f0-9]{64})(?![A-Za-z0-9+/=_-])")]
    private static partial Regex Sentry();

    [GeneratedRegex("(?<![A-Za-z0-9])AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9])")]
    private static partial Regex Age();
}
