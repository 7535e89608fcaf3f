using Lanyard.Core.Keys;

namespace Lanyard.Scanning.Tests.Rules;

/// <summary>Cases for rules that match a provider's own token format.</summary>
internal static partial class RuleCases
{
    private static void AddProviderTokens(RuleCaseBuilder b, TestTokens t)
    {
        AddSourceHosts(b, t);
        AddChatAndMail(b, t);
        AddAiAndGoogle(b, t);
        AddRegistries(b, t);
        AddPlatforms(b, t);
        AddDevTools(b, t);
    }

    private static void AddSourceHosts(RuleCaseBuilder b, TestTokens t)
    {
        foreach (var (id, prefix) in new[]
        {
            ("github-pat", "ghp_"), ("github-oauth-token", "gho_"), ("github-user-to-server-token", "ghu_"),
            ("github-app-installation-token", "ghs_"),
        })
        {
            var token = t.Checksummed(prefix);
            b.Token(id, token, WrongChecksum(token), "invalid-checksum");
        }

        b.Token("github-refresh-token", "ghr_" + t.Base62(76), 4);
        b.Token("github-fine-grained-pat", "github_pat_" + t.Base62(22) + "_" + t.Base62(59), 11);
        var glpat = "glpat-" + t.UrlSafe(20);
        b.Token("gitlab-pat", glpat, glpat[..^3], "wrong-length");
        b.Token("gitlab-deploy-token", "gldt-" + t.UrlSafe(20), 5);
        var trigger = "glptt-" + t.Hex(40);
        b.Token("gitlab-pipeline-trigger-token", trigger, trigger + "ab", "wrong-length");
        b.Token("gitlab-runner-token", "glrt-" + t.UrlSafe(24), 5);
        b.Token("gitlab-runner-registration-token", "GR1348941" + t.UrlSafe(20), 9);
        b.Token("gitlab-oauth-app-secret", "gloas-" + t.Hex(64), 6);
        b.Token("gitlab-feed-token", "glft-" + t.UrlSafe(20), 5);
        b.Token("gitlab-scim-token", "glsoat-" + t.UrlSafe(20), 7);
        b.Token("gitlab-ci-job-token", "glcbt-" + t.Base62(3) + "_" + t.UrlSafe(20), 6);
        b.Token("gitlab-incoming-mail-token", "glimt-" + t.UrlSafe(25), 6);
        b.Token("gitlab-feature-flag-token", "glffct-" + t.UrlSafe(20), 7);
        b.Token("gitlab-agent-token", "glagent-" + t.UrlSafe(50), 8);
        b.Token("atlassian-api-token", "ATATT3" + t.UrlSafe(180), 6);
        b.Token("linear-api-key", "lin_api_" + t.Base62(40), 8);
        b.Token("postman-api-key", "PMAK-" + t.Hex(24) + "-" + t.Hex(34), 5);
        b.Token("sourcegraph-access-token", "sgp_" + t.Hex(16) + "_" + t.Hex(40), 4);
    }

    private static void AddChatAndMail(RuleCaseBuilder b, TestTokens t)
    {
        b.Token("slack-bot-token", "xoxb-" + t.Numeric(11) + "-" + t.Numeric(12) + "-" + t.Base62(24),
            "xoxb-not-a-real-token-this-will-not-work", "documented-example");
        b.Token("slack-user-token", "xoxp-" + t.Numeric(11) + "-" + t.Numeric(11) + "-" + t.Numeric(12) + "-" + t.Hex(32), 5);
        b.Token("slack-app-token", "xapp-1-A" + t.UpperAlphanumeric(10) + "-" + t.Numeric(13) + "-" + t.Hex(64), 5);
        b.Token("slack-config-token", "xoxe.xoxp-1-" + t.UpperAlphanumeric(163), 12);
        b.Token("slack-config-refresh-token", "xoxe-1-" + t.UpperAlphanumeric(146), 7);
        b.Token("slack-legacy-token", "xoxs-" + t.Numeric(10) + "-" + t.Numeric(10) + "-" + t.Numeric(12) + "-" + t.Hex(32), 5);
        b.Token("slack-webhook-url", "https://hooks.slack.com/services/T" + t.UpperAlphanumeric(10) + "/B"
            + t.UpperAlphanumeric(10) + "/" + t.Base62(24), 24);
        b.Token("twilio-api-key", "SK" + t.Hex(32), "SK" + new string('0', 32), "low-entropy");
        b.Assigned("twilio-auth-token", "TWILIO_AUTH_TOKEN", t.Hex(32), "TWILIO_ACCOUNT_SID", "AC" + t.Hex(32), "identifier");
        b.Token("sendgrid-api-key", "SG." + t.UrlSafe(22) + "." + t.UrlSafe(43), 3);
        b.Token("mailgun-api-key", "key-" + t.Hex(32), 4);
        b.Token("mailchimp-api-key", t.Hex(32) + "-us14", 0);
        b.Token("brevo-api-key", "xkeysib-" + t.Hex(64) + "-" + t.Base62(16), 8);
        b.Token("telegram-bot-token", t.Numeric(10) + ":AA" + t.UrlSafe(33), 13);
        b.Token("facebook-page-access-token", "EAAC" + t.Base62(140), 4);
        b.Token("discord-webhook-url", "https://discord.com/api/webhooks/" + t.Numeric(19) + "/" + t.UrlSafe(68), 52);
        b.Token("teams-webhook-url", $"https://brindlewick.webhook.office.com/webhookb2/{Guid()}@{Guid()}/IncomingWebhook/"
            + $"{t.Hex(32)}/{Guid()}", 48);
    }

    private static void AddAiAndGoogle(RuleCaseBuilder b, TestTokens t)
    {
        b.Token("openai-api-key", "sk-proj-" + t.UrlSafe(74) + "T3BlbkFJ" + t.UrlSafe(74), 8);
        b.Token("openai-project-key", "sk-svcacct-" + t.UrlSafe(120), 11);
        var anthropic = "sk-ant-api03-" + t.UrlSafe(93) + "AA";
        b.Token("anthropic-api-key", anthropic, anthropic[..^2], "wrong-length");
        b.Token("huggingface-token", "hf_" + t.Letters(34), 3);
        b.Token("huggingface-org-token", "api_org_" + t.Letters(34), 8);
        b.Token("groq-api-key", "gsk_" + t.Base62(52), 4);
        b.Token("perplexity-api-key", "pplx-" + t.Base62(48), 5);
        b.Token("replicate-api-token", "r8_" + t.Base62(37), 3);
        b.Token("google-api-key", "AIza" + t.UrlSafe(35), 4);
        b.Token("google-oauth-client-secret", "GOCSPX-" + t.UrlSafe(28), 7);
        b.Token("firebase-cloud-messaging-key", "AAAA" + t.UrlSafe(7) + ":APA91b" + t.UrlSafe(134), 18);
    }

    private static void AddRegistries(RuleCaseBuilder b, TestTokens t)
    {
        var npm = t.Checksummed("npm_");
        b.Token("npm-token", npm, WrongChecksum(npm), "invalid-checksum");
        b.Token("pypi-token", "pypi-AgEIcHlwaS5vcmc" + t.UrlSafe(120), 5);
        b.Token("nuget-api-key", "oy2" + t.LowerAlphanumeric(43), 3);
        b.Token("dockerhub-pat", "dckr_pat_" + t.UrlSafe(27), 9);
        b.Token("dockerhub-oat", "dckr_oat_" + t.UrlSafe(32), 9);
        b.Token("rubygems-api-key", "rubygems_" + t.Hex(48), 9);
        b.Token("clojars-deploy-token", "CLOJARS_" + t.LowerAlphanumeric(60), 8);
        b.Token("jfrog-api-key", "AKCp" + t.Base62(69), 4);
        b.Token("jfrog-reference-token", "cmVmd" + t.Base62(59), 5);
    }

    private static void AddPlatforms(RuleCaseBuilder b, TestTokens t)
    {
        b.Token("heroku-api-key", "HRKU-AA" + t.UrlSafe(58), 7);
        b.Assigned("heroku-api-key-legacy", "HEROKU_API_KEY", Guid(), "HEROKU_APP_ID", Guid(), "uuid");
        b.Token("digitalocean-token", "dop_v1_" + t.Hex(64), 7);
        b.Token("digitalocean-oauth-token", "doo_v1_" + t.Hex(64), 7);
        b.Token("digitalocean-refresh-token", "dor_v1_" + t.Hex(64), 7);
        b.Token("shopify-access-token", "shpat_" + t.Hex(32), 6);
        b.Token("shopify-custom-app-token", "shpca_" + t.Hex(32), 6);
        b.Token("shopify-private-app-token", "shppa_" + t.Hex(32), 6);
        b.Token("shopify-shared-secret", "shpss_" + t.Hex(32), 6);
        b.Token("databricks-token", "dapi" + t.Hex(32), 4);
        b.Token("planetscale-token", "pscale_tkn_" + t.UrlSafe(43), 11);
        b.Token("square-access-token", "EAAA" + t.UrlSafe(60), 4);
        b.Token("square-oauth-secret", "sq0csp-" + t.UrlSafe(43), 7);
        b.Token("cloudflare-origin-ca-key", "v1.0-" + t.Hex(24) + "-" + t.Hex(146), 5);
        b.Token("flyio-token", "fo1_" + t.UrlSafe(43), 4);
        b.Token("supabase-token", "sbp_" + t.Hex(40), 4);
        b.Token("netlify-token", "nfp_" + t.Base62(36), 4);
        b.Token("alibaba-access-key-id", "LTAI" + t.Base62(20), 4);
        b.Token("scalingo-api-token", "tk-us-" + t.UrlSafe(48), 6);
        b.Token("clickhouse-cloud-api-secret", "4b1d" + t.Base62(38), 4);
        b.Token("openshift-user-token", "sha256~" + t.UrlSafe(43), 7);
        b.Token("braintree-access-token", "access_token$production$" + t.LowerAlphanumeric(16) + "$" + t.Hex(32), 24);
        b.Token("flutterwave-secret-key", "FLWSECK-" + t.Hex(32) + "-X", 8);
        b.Token("shippo-api-token", "shippo_live_" + t.Hex(40), 12);
        b.Token("easypost-api-key", "EZAK" + t.Base62(54), 4);
        b.Token("duffel-api-token", "duffel_live_" + t.UrlSafe(43), 12);
        b.Token("stripe-secret-key", "sk_live_" + t.Base62(24), "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "documented-example");
        b.Token("stripe-restricted-key", "rk_live_" + t.Base62(24), 8);
        b.Token("stripe-webhook-secret", "whsec_" + t.Base62(32), 6);
    }

    private static void AddDevTools(RuleCaseBuilder b, TestTokens t)
    {
        b.Token("newrelic-user-api-key", "NRAK-" + t.UpperAlphanumeric(27), 5);
        b.Token("newrelic-insert-key", "NRII-" + t.UrlSafe(32), 5);
        b.Token("newrelic-browser-api-key", "NRJS-" + t.Hex(19), 5);
        b.Token("dynatrace-api-token", "dt0c01." + t.UpperAlphanumeric(24) + "." + t.UpperAlphanumeric(64), 7);
        b.Token("pulumi-access-token", "pul-" + t.Hex(40), 4);
        b.Token("doppler-token", "dp.pt." + t.Base62(43), 6);
        b.Token("terraform-cloud-token", t.Base62(14) + ".atlasv1." + t.UrlSafe(67), 0);
        b.Token("vault-service-token", "hvs." + t.UrlSafe(95), 4);
        b.Token("vault-batch-token", "hvb." + t.UrlSafe(140), 4);
        b.Token("grafana-cloud-token", "glc_" + t.Base62(80), 4);
        b.Token("grafana-service-account-token", "glsa_" + t.Base62(32) + "_" + t.Hex(8), 5);
        b.Token("sentry-auth-token", "sntryu_" + t.Hex(64), 7);
        b.Token("age-secret-key", "AGE-SECRET-KEY-1" + From(t, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58), 16);
        b.Token("notion-api-token", "ntn_" + t.Numeric(11) + t.Base62(35), 4);
        b.Token("typeform-api-token", "tfp_" + t.UrlSafe(59), 4);
        b.Token("frameio-api-token", "fio-u-" + t.UrlSafe(64), 6);
        b.Token("readme-api-key", "rdme_" + t.LowerAlphanumeric(70), 5);
        b.Token("prefect-api-key", "pnu_" + t.Base62(36), 4);
        b.Token("harness-api-token", "pat." + t.UrlSafe(22) + "." + t.Base62(24) + "." + t.Base62(20), 4);
        b.Token("infracost-api-key", "ico-" + t.Base62(32), 4);
        b.Token("adobe-client-secret", "p8e-" + t.Base62(32), 4);
        b.Token("1password-service-account-token", "ops_eyJ" + t.Base64(300), 7);
        b.Token("1password-secret-key", "A3-" + t.UpperAlphanumeric(6) + "-" + t.UpperAlphanumeric(11) + "-"
            + t.UpperAlphanumeric(5) + "-" + t.UpperAlphanumeric(5) + "-" + t.UpperAlphanumeric(5), 3);
        b.Token("azure-entra-client-secret", t.Base62(3) + "8Q~" + t.UrlSafe(34), 6);
        b.Token("azure-devops-pat", t.Base62(52) + "JQQJ99" + t.Base62(1) + "B" + t.Base62(3) + "AZDO" + t.Base62(4), 0);
        var lanyard = LanyardKeyFormat.Create("prod", t.Base62(27));
        b.Token("lanyard-api-key", lanyard, WrongChecksum(lanyard), "invalid-checksum");
    }

    /// <summary>The same token with its last character changed, so its checksum no longer validates.</summary>
    private static string WrongChecksum(string token) => token[..^1] + (token[^1] == 'a' ? 'b' : 'a');

    private static string Guid() => System.Guid.NewGuid().ToString();

    private static string From(TestTokens t, string alphabet, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => alphabet[t.Next(alphabet.Length)])]);
}
