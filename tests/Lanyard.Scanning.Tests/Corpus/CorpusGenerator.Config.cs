namespace Lanyard.Scanning.Tests.Corpus;

/// <summary>Configuration files: dotenv, properties, INI, XML, JSON and client credential files.</summary>
internal static partial class CorpusGenerator
{
    private static void AddConfigFiles(List<CorpusFile> files, TestTokens t)
    {
        var stripe = "sk_live_" + t.Base62(99);
        var dbPassword = t.Password(22);
        files.Add(new CorpusFile("payments-api/.env")
            .Add("# Payments API - production", "NODE_ENV=production", "PORT=8080")
            .Secret("stripe-secret-key", stripe, $"STRIPE_SECRET_KEY={stripe}")
            .Negative("publishable-key", "STRIPE_PUBLISHABLE_KEY=pk_live_" + t.Base62(99))
            .Secret("database-uri-password", dbPassword, $"DATABASE_URL=postgres://payments:{dbPassword}@pg-primary.internal:5432/payments?sslmode=require")
            .Negative("env-placeholder", "REDIS_URL=redis://:${REDIS_PASSWORD}@redis.internal:6379/0")
            .Negative("public-dsn", $"SENTRY_DSN=https://{t.Hex(32)}@o{t.Numeric(6)}.ingest.sentry.io/{t.Numeric(7)}")
            .Negative("hash", "WEBHOOK_SECRET_SHA256=" + t.Hex(64))
            .Negative("empty-value", "SMTP_PASSWORD=")
            .Add("FEATURE_FLAGS=checkout-v2,refunds"));

        files.Add(new CorpusFile("payments-api/.env.example")
            .Add("# Copy to .env and fill in")
            .Negative("placeholder", "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx")
            .Negative("placeholder", "DATABASE_URL=postgres://payments:<password>@localhost:5432/payments")
            .Negative("placeholder", "OPENAI_API_KEY=your-openai-api-key")
            .Negative("placeholder", "JWT_SECRET=changeme")
            .Negative("placeholder", "GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"));

        var springPassword = t.Password(18);
        var jdbcPassword = t.Password(16);
        files.Add(new CorpusFile("ledger/src/main/resources/application.properties")
            .Add("spring.application.name=ledger", "server.port=8081")
            .Secret("jdbc-password", jdbcPassword,
                $"spring.datasource.url=jdbc:postgresql://pg.internal:5432/ledger?user=ledger&password={jdbcPassword}")
            .Secret("generic-password", springPassword, $"spring.rabbitmq.password={springPassword}")
            .Negative("env-placeholder", "app.jwt.secret=${JWT_SECRET}")
            .Negative("env-placeholder", "spring.mail.password=${MAIL_PASSWORD:}")
            .Negative("identifier", "app.oauth.client-id=" + Uuid(t))
            .Add("management.endpoints.web.exposure.include=health,info"));

        var iniPassword = t.Password(20);
        files.Add(new CorpusFile("reporting/settings.ini")
            .Add("[database]", "host = analytics-db.internal", "port = 3306", "user = reporter")
            .Secret("generic-password", iniPassword, $"password = {iniPassword}")
            .Add("", "[smtp]", "host = smtp.internal")
            .Negative("template", "password = %(SMTP_PASSWORD)s")
            .Add("", "[cache]")
            .Negative("hash", "checksum = sha256:" + t.Hex(64)));

        var webConfigPassword = t.Password(18);
        var appSecret = t.UrlSafe(40);
        files.Add(new CorpusFile("legacy-portal/Web.config")
            .Add("<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<configuration>", "  <connectionStrings>")
            .Secret("connection-string-password", webConfigPassword,
                $"    <add name=\"Portal\" connectionString=\"Data Source=sql01;Initial Catalog=Portal;User ID=portal;Password={webConfigPassword};\" providerName=\"System.Data.SqlClient\" />")
            .Add("  </connectionStrings>", "  <appSettings>")
            .Secret("generic-secret", appSecret, $"    <add key=\"PaymentGatewaySecret\" value=\"{appSecret}\" />")
            .Negative("identifier", $"    <add key=\"AzureAdClientId\" value=\"{Uuid(t)}\" />")
            .Negative("header-name", "    <add key=\"ApiKeyHeader\" value=\"X-Api-Key\" />")
            .Negative("env-reference", "    <add key=\"SmtpPassword\" value=\"%SMTP_PASSWORD%\" />")
            .Add("  </appSettings>", "</configuration>"));

        var nugetPassword = t.Password(24);
        files.Add(new CorpusFile("legacy-portal/nuget.config")
            .Add("<configuration>", "  <packageSourceCredentials>", "    <brindlewick>",
                "      <add key=\"Username\" value=\"build\" />")
            .Secret("generic-password", nugetPassword, $"      <add key=\"ClearTextPassword\" value=\"{nugetPassword}\" />")
            .Add("    </brindlewick>", "  </packageSourceCredentials>", "</configuration>"));

        var appsettingsPassword = t.Password(20);
        var sendgrid = "SG." + t.UrlSafe(22) + "." + t.UrlSafe(43);
        files.Add(new CorpusFile("notifications/appsettings.Production.json")
            .Add("{", "  \"Logging\": { \"LogLevel\": { \"Default\": \"Warning\" } },", "  \"ConnectionStrings\": {")
            .Secret("connection-string-password", appsettingsPassword,
                $"    \"Notifications\": \"Host=pg.internal;Database=notify;Username=notify;Password={appsettingsPassword}\"")
            .Add("  },", "  \"Email\": {")
            .Secret("sendgrid-api-key", sendgrid, $"    \"ApiKey\": \"{sendgrid}\",")
            .Add("    \"From\": \"noreply@brindlewick.io\"", "  },", "  \"AzureAd\": {")
            .Negative("uuid", $"    \"TenantId\": \"{Uuid(t)}\",")
            .Negative("secret-store-reference", "    \"ClientSecret\": \"@Microsoft.KeyVault(SecretUri=https://bw-kv.vault.azure.net/secrets/notify-client/)\"")
            .Add("  }", "}"));

        var npmToken = t.Checksummed("npm_");
        files.Add(new CorpusFile("web/.npmrc")
            .Add("registry=https://registry.npmjs.org/", "@brindlewick:registry=https://npm.pkg.github.com/")
            .Secret("npm-token", npmToken, $"//registry.npmjs.org/:_authToken={npmToken}")
            .Negative("env-reference", "//npm.pkg.github.com/:_authToken=${GITHUB_PACKAGES_TOKEN}")
            .Add("save-exact=true"));

        var pypi = "pypi-AgEIcHlwaS5vcmc" + t.UrlSafe(140);
        files.Add(new CorpusFile("sdk-python/.pypirc")
            .Add("[distutils]", "index-servers =", "    pypi", "", "[pypi]", "username = __token__")
            .Secret("pypi-token", pypi, $"password = {pypi}"));

        var registryPassword = t.Password(20);
        var auth = B64("deploy-bot:" + registryPassword);
        files.Add(new CorpusFile("ci/docker/config.json")
            .Add("{", "  \"auths\": {", "    \"registry.brindlewick.io\": {")
            .Secret("docker-config-auth", auth, $"      \"auth\": \"{auth}\"")
            .Add("    },", "    \"ghcr.io\": {")
            .Negative("empty-value", "      \"auth\": \"\"")
            .Add("    }", "  },", "  \"credsStore\": \"desktop\"", "}"));
    }
}
