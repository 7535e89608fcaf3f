using System.Text.RegularExpressions;

using Lanyard.Scanning.Filtering;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Hosting and commerce platforms: Heroku, DigitalOcean, Shopify, Databricks, PlanetScale, Square,
/// Cloudflare, Alibaba Cloud, Scalingo, ClickHouse Cloud, OpenShift, Fly.io, Supabase, Netlify.
/// </summary>
internal sealed partial class CloudPlatformDetector() : PatternDetector(Name,
[
    Token("heroku-api-key", "Heroku platform API key", Heroku(), "HRKU-"),
    new PatternRule(
        new SecretRule("heroku-api-key-legacy", "heroku-api-key", "Heroku legacy API key (UUID)", Name),
        HerokuLegacy(), "heroku", Confidence.Medium, KeywordIgnoresCase: true),
    Token("digitalocean-token", "DigitalOcean personal access token", DigitalOcean(), "dop_v1_"),
    Token("digitalocean-oauth-token", "DigitalOcean OAuth token", DigitalOceanOAuth(), "doo_v1_"),
    Token("digitalocean-refresh-token", "DigitalOcean refresh token", DigitalOceanRefresh(), "dor_v1_"),
    Token("shopify-access-token", "Shopify Admin API access token", Shopify(), "shpat_", RandomTail),
    Token("shopify-custom-app-token", "Shopify custom app access token", ShopifyCustom(), "shpca_", RandomTail),
    Token("shopify-private-app-token", "Shopify private app password", ShopifyPrivate(), "shppa_", RandomTail),
    Token("shopify-shared-secret", "Shopify app shared secret", ShopifySecret(), "shpss_", RandomTail),
    Token("databricks-token", "Databricks personal access token", Databricks(), "dapi", RandomTail),
    Token("planetscale-token", "PlanetScale service token or password", PlanetScale(), "pscale_"),
    Token("square-access-token", "Square access token", SquareAccess(), "EAAA"),
    Token("square-access-token", "Square access token", SquareLegacyAccess(), "sq0atp-"),
    Token("square-oauth-secret", "Square OAuth secret", SquareSecret(), "sq0csp-"),
    Token("cloudflare-origin-ca-key", "Cloudflare Origin CA key", CloudflareOriginCa(), "v1.0-"),
    Token("alibaba-access-key-id", "Alibaba Cloud AccessKey id", AlibabaKeyId(), "LTAI", RandomBody),
    Token("scalingo-api-token", "Scalingo API token", Scalingo(), "tk-us-"),
    Token("clickhouse-cloud-api-secret", "ClickHouse Cloud API secret key", ClickHouse(), "4b1d", RandomBody),
    Token("openshift-user-token", "OpenShift user token", OpenShift(), "sha256~", RandomBody),
    Token("flyio-token", "Fly.io access token", FlyIo(), "fo1_"),
    Token("supabase-token", "Supabase management API token", Supabase(), "sbp_"),
    Token("netlify-token", "Netlify personal access token", Netlify(), "nfp_"),
])
{
    public const string Name = "platform";

    private static PatternRule Token(
        string id, string description, Regex pattern, string prefix, Func<string, Confidence?>? validate = null) =>
        new(new SecretRule(id, id, description, Name), pattern, prefix, Validate: validate);

    /// <summary>Short or loosely prefixed formats must also look random, so identifiers and words stay out.</summary>
    private static Confidence? RandomBody(string token) =>
        ValueShape.Entropy(token) >= 3.5 && ValueShape.CharacterClasses(token) >= 2 ? Confidence.High : null;

    private static Confidence? RandomTail(string token) =>
        ValueShape.Entropy(token.AsSpan(token.Length - 32)) >= 3.0 ? Confidence.High : null;

    [GeneratedRegex("(?<![A-Za-z0-9_-])HRKU-AA[A-Za-z0-9_-]{58}(?![A-Za-z0-9_-])")]
    private static partial Regex Heroku();

    [GeneratedRegex(
        @"(?i)heroku[\w.\-]{0,20}?(?:key|token|secret)[""']?\s*(?:=|:|=>)\s*[""']?"
        + @"(?<s>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-z-])")]
    private static partial Regex HerokuLegacy();

    [GeneratedRegex("(?<![A-Za-z0-9_-])dop_v1_[a-f0-9]{64}(?![A-Za-z0-9_-])")]
    private static partial Regex DigitalOcean();

    [GeneratedRegex("(?<![A-Za-z0-9_-])doo_v1_[a-f0-9]{64}(?![A-Za-z0-9_-])")]
    private static partial Regex DigitalOceanOAuth();

    [GeneratedRegex("(?<![A-Za-z0-9_-])dor_v1_[a-f0-9]{64}(?![A-Za-z0-9_-])")]
    private static partial Regex DigitalOceanRefresh();

    [GeneratedRegex("(?<![A-Za-z0-9_-])shpat_[a-fA-F0-9]{32}(?![A-Za-z0-9_-])")]
    private static partial Regex Shopify();

    [GeneratedRegex("(?<![A-Za-z0-9_-])shpca_[a-fA-F0-9]{32}(?![A-Za-z0-9_-])")]
    private static partial Regex ShopifyCustom();

    [GeneratedRegex("(?<![A-Za-z0-9_-])shppa_[a-fA-F0-9]{32}(?![A-Za-z0-9_-])")]
    private static partial Regex ShopifyPrivate();

    [GeneratedRegex("(?<![A-Za-z0-9_-])shpss_[a-fA-F0-9]{32}(?![A-Za-z0-9_-])")]
    private static partial Regex ShopifySecret();

    [GeneratedRegex("(?<![A-Za-z0-9_-])dapi[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9_-])")]
    private static partial Regex Databricks();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.\-]{32,64}(?![A-Za-z0-9_.-])")]
    private static partial Regex PlanetScale();

    [GeneratedRegex("(?<![A-Za-z0-9_-])EAAA[A-Za-z0-9_-]{60}(?![A-Za-z0-9_-])")]
    private static partial Regex SquareAccess();

    [GeneratedRegex("(?<![A-Za-z0-9_-])sq0atp-[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])")]
    private static partial Regex SquareLegacyAccess();

    [GeneratedRegex("(?<![A-Za-z0-9])LTAI[A-Za-z0-9]{20}(?![A-Za-z0-9])")]
    private static partial Regex AlibabaKeyId();

    [GeneratedRegex("(?<![A-Za-z0-9_-])tk-us-[A-Za-z0-9_-]{48}(?![A-Za-z0-9_-])")]
    private static partial Regex Scalingo();

    [GeneratedRegex("(?<![A-Za-z0-9])4b1d[A-Za-z0-9]{38}(?![A-Za-z0-9])")]
    private static partial Regex ClickHouse();

    [GeneratedRegex("(?<![A-Za-z0-9_-])sha256~[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")]
    private static partial Regex OpenShift();

    [GeneratedRegex("(?<![A-Za-z0-9_-])sq0csp-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")]
    private static partial Regex SquareSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])v1\.0-[a-f0-9]{24}-[a-f0-9]{146}(?![A-Za-z0-9_-])")]
    private static partial Regex CloudflareOriginCa();

    [GeneratedRegex("(?<![A-Za-z0-9_-])fo1_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")]
    private static partial Regex FlyIo();

    [GeneratedRegex("(?<![A-Za-z0-9_-])sbp_[a-f0-9]{40}(?![A-Za-z0-9_-])")]
    private static partial Regex Supabase();

    [GeneratedRegex("(?<![A-Za-z0-9_-])nfp_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])")]
    private static partial Regex Netlify();
}
