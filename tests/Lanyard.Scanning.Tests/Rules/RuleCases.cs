using System.Text;

namespace Lanyard.Scanning.Tests.Rules;

/// <summary>
/// A positive and a hard negative case for every built-in rule, generated at test time so that no
/// secret-shaped string is stored in the repository. <see cref="RuleCoverageTests"/> fails when a rule has none.
/// </summary>
internal static partial class RuleCases
{
    private static readonly Lazy<IReadOnlyDictionary<string, RuleCase>> ById = new(Build);

    public static IReadOnlyDictionary<string, RuleCase> All => ById.Value;

    private static Dictionary<string, RuleCase> Build()
    {
        var t = new TestTokens(seed: 4711);
        var b = new RuleCaseBuilder();
        AddProviderTokens(b, t);
        AddCloudKeys(b, t);
        AddKeyed(b, t);
        AddPrivateKeys(b);
        AddStructural(b, t);
        AddGeneric(b, t);
        return b.Cases.ToDictionary(c => c.RuleId, StringComparer.Ordinal);
    }

    private static void AddCloudKeys(RuleCaseBuilder b, TestTokens t)
    {
        var keyId = t.AwsKeyId();
        b.File("aws-access-key-id", "home/.aws/credentials", $"[default]\naws_access_key_id = {keyId}\nregion = eu-west-1\n",
            keyId, "docs/aws.md", "Configure the CLI with `aws_access_key_id = AKIAIOSFODNN7EXAMPLE`.\n", "documented-example");
        var secret = t.AwsSecret();
        b.File("aws-secret-access-key", "ci/deploy.env", $"AWS_REGION=eu-west-1\nAWS_SECRET_ACCESS_KEY={secret}\n", secret,
            "ci/deploy.example.env", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", "documented-example");
        var session = "IQoJb3JpZ2luX2VjE" + t.Base64(300);
        b.File("aws-session-token", "scripts/assume.sh", $"export AWS_SESSION_TOKEN=\"{session}\"\n", session,
            "scripts/assume.sh", "export AWS_SESSION_TOKEN=\"$(jq -r .Credentials.SessionToken creds.json)\"\n", "reference");

        var accountKey = t.Base64(86) + "==";
        b.File("azure-storage-account-key", "appsettings.Production.json",
            $"{{\n  \"Storage\": \"DefaultEndpointsProtocol=https;AccountName=bwinvoices;AccountKey={accountKey};EndpointSuffix=core.windows.net\"\n}}\n",
            accountKey, "appsettings.Development.json",
            "{\n  \"Storage\": \"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
            + "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;\"\n}\n", "documented-example");
        var sig = t.Base64(43) + "%3D";
        b.File("azure-sas-signature", "scripts/upload.sh",
            $"curl -T report.csv \"https://bwinvoices.blob.core.windows.net/exports/report.csv?sv=2022-11-02&ss=b&srt=o&sp=rwc&se=2026-12-31T00:00:00Z&spr=https&sig={sig}\"\n",
            sig, "scripts/fetch.sh", "curl \"https://cdn.example.net/assets/app.js?v=3&sig=" + t.Hex(40) + "\"\n", "unrelated-parameter");
        var sharedKey = t.Base64(43) + "=";
        b.File("azure-shared-access-key", "local.settings.json",
            $"{{ \"ServiceBus\": \"Endpoint=sb://bw-events.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={sharedKey}\" }}\n",
            sharedKey, "local.settings.json",
            "{ \"ServiceBus\": \"Endpoint=sb://bw-events.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=<shared-access-key>\" }\n",
            "placeholder");
    }

    private static void AddKeyed(RuleCaseBuilder b, TestTokens t)
    {
        b.Assigned("okta-api-token", "OKTA_API_TOKEN", "00" + t.UrlSafe(40), "OKTA_ORG_URL", "00" + t.UrlSafe(40), "unrelated-name");
        b.Assigned("cloudflare-api-token", "CLOUDFLARE_API_TOKEN", t.UrlSafe(40), "CLOUDFLARE_ACCOUNT_ID", t.Hex(32), "identifier");
        b.Assigned("cloudflare-global-api-key", "CLOUDFLARE_API_KEY", t.Hex(37), "CLOUDFLARE_API_KEY", new string('0', 37), "low-entropy");
        b.Assigned("fastly-api-token", "FASTLY_API_TOKEN", t.UrlSafe(32), "FASTLY_SERVICE_ID", t.Base62(22), "identifier");
        b.Assigned("vercel-token", "VERCEL_TOKEN", t.Base62(24), "VERCEL_PROJECT_ID", "prj_" + t.Base62(28), "identifier");
        b.Assigned("alibaba-access-key-secret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", t.Base62(30),
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "${ALIBABA_CLOUD_ACCESS_KEY_SECRET}", "env-reference");
        b.Assigned("datadog-api-key", "DD_API_KEY", t.Hex(32), "CLOUDFLARE_ZONE_ID", t.Hex(32), "identifier");
        b.Assigned("datadog-app-key", "DATADOG_APP_KEY", t.Hex(40), "GIT_COMMIT_SHA", t.Hex(40), "commit-sha");
    }

    private static void AddPrivateKeys(RuleCaseBuilder b)
    {
        Pem(b, "private-key-rsa", "keys/deploy_rsa", KeyMaterial.RsaPkcs1(), "keys/deploy_rsa.pub.pem", KeyMaterial.PublicKeyPem(), "public-key");
        Pem(b, "private-key-ec", "certs/api.key", KeyMaterial.EcSec1(), "certs/api.crt", KeyMaterial.CertificatePem(), "certificate");
        Pem(b, "private-key-dsa", "legacy/dsa.pem", KeyMaterial.DsaTraditional(), "docs/keys.md",
            "```\n-----BEGIN DSA PRIVATE KEY-----\n...\n-----END DSA PRIVATE KEY-----\n```\n", "truncated-placeholder");
        Pem(b, "private-key-pkcs8", "secrets/signing.pem", KeyMaterial.Pkcs8(), "secrets/README.md",
            "Put the key in signing.pem:\n\n    -----BEGIN PRIVATE KEY-----\n    <your key here>\n    -----END PRIVATE KEY-----\n",
            "placeholder");
        Pem(b, "private-key-pkcs8-encrypted", "secrets/backup.pem", KeyMaterial.EncryptedPkcs8("correct horse battery"),
            "secrets/backup.pub", KeyMaterial.PublicKeyPem(), "public-key");
        Pem(b, "private-key-openssh", "home/.ssh/id_rsa", KeyMaterial.OpenSsh("ci@build-01"), "home/.ssh/id_ed25519.pub",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKb3vJ0m1J3cJH2u1mWqGz3xSg2F0bQnR6aTzZsYpV1c ci@build-01\n", "public-key");
        var pgpBody = string.Join('\n', Enumerable.Range(0, 6).Select(_ => Convert.ToBase64String(
            System.Security.Cryptography.RandomNumberGenerator.GetBytes(48))));
        Pem(b, "private-key-pgp", "release/signing.asc",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + pgpBody + "\n=Xq1c\n-----END PGP PRIVATE KEY BLOCK-----\n",
            "release/signing.pub.asc", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + pgpBody + "\n-----END PGP PUBLIC KEY BLOCK-----\n",
            "public-key");
        var other = KeyMaterial.Pkcs8().Replace("BEGIN PRIVATE KEY", "BEGIN ANY PRIVATE KEY", StringComparison.Ordinal)
            .Replace("END PRIVATE KEY", "END ANY PRIVATE KEY", StringComparison.Ordinal);
        Pem(b, "private-key", "certs/any.pem", other, "certs/any.csr",
            "-----BEGIN CERTIFICATE REQUEST-----\nMIIBVjCB/QIBADAbMRkwFwYDVQQDDBBhcGkuZXhhbXBsZS5pbnRlcm5hbDBZMBMG\n-----END CERTIFICATE REQUEST-----\n",
            "certificate-request");

        var putty = KeyMaterial.PuttyV3("deploy@bastion");
        b.File("private-key-putty", "keys/bastion.ppk", putty, KeyMaterial.AsSecret(putty), "keys/bastion.ppk.md",
            "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: <paste your key>\n", "truncated-placeholder");

        var pkcs8 = KeyMaterial.Pkcs8();
        var escaped = KeyMaterial.AsSecret(pkcs8).Replace("\n", "\\n", StringComparison.Ordinal) + "\\n";
        b.File("gcp-service-account-key", "keys/gcp-sa.json",
            "{\n  \"type\": \"service_account\",\n  \"project_id\": \"bw-billing\",\n  \"private_key_id\": \"" + Convert.ToHexStringLower(
                System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)) + "\",\n  \"private_key\": \"" + escaped
            + "\",\n  \"client_email\": \"billing@bw-billing.iam.gserviceaccount.com\"\n}\n",
            KeyMaterial.AsSecret(pkcs8), "keys/gcp-sa.template.json",
            "{\n  \"type\": \"service_account\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n\"\n}\n",
            "truncated-placeholder");
    }

    private static void AddStructural(RuleCaseBuilder b, TestTokens t)
    {
        var jwt = KeyMaterial.Jwt("svc-invoices");
        b.Token("jwt", jwt, KeyMaterial.UnsignedJwt("svc-invoices"), "unsigned-token");

        var pw = t.Password(18);
        b.File("database-uri-password", ".env", $"DATABASE_URL=postgresql://billing:{pw}@db.internal:5432/billing\n", pw,
            ".env.example", "DATABASE_URL=postgresql://billing:${DB_PASSWORD}@db.internal:5432/billing\n", "env-placeholder");
        var basic = t.Password(16);
        b.File("url-basic-auth-password", "ci/mirror.sh", $"git clone https://deploy:{basic}@git.brindlewick.internal/ops/infra.git\n",
            basic, "ci/mirror.sh", "git clone https://deploy:$GIT_TOKEN@git.brindlewick.internal/ops/infra.git\n", "env-reference");
        var jdbc = t.Password(16);
        b.File("jdbc-password", "src/main/resources/application.properties",
            $"spring.datasource.url=jdbc:mysql://db:3306/ledger?user=ledger&password={jdbc}&useSSL=true\n", jdbc,
            "src/main/resources/application-dev.properties",
            "spring.datasource.url=jdbc:mysql://db:3306/ledger?user=ledger&password=${JDBC_PASSWORD}\n", "env-placeholder");
        var ado = t.Password(20);
        b.File("connection-string-password", "appsettings.json",
            $"{{ \"ConnectionStrings\": {{ \"Ledger\": \"Server=sql.internal;Database=Ledger;User Id=ledger;Password={ado};\" }} }}\n",
            ado, "appsettings.Development.json",
            "{ \"ConnectionStrings\": { \"Ledger\": \"Server=sql.internal;Database=Ledger;User Id=ledger;Password=<password>;\" } }\n",
            "placeholder");

        var dockerPassword = t.Password(20);
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("ci-bot:" + dockerPassword));
        b.File("docker-config-auth", "home/.docker/config.json",
            $"{{\n  \"auths\": {{\n    \"registry.brindlewick.io\": {{\n      \"auth\": \"{auth}\"\n    }}\n  }}\n}}\n", auth,
            "home/.docker/config.json", "{\n  \"auths\": {\n    \"registry.brindlewick.io\": {\n      \"auth\": \""
            + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci-bot:${REGISTRY_PASSWORD}")) + "\"\n    }\n  }\n}\n", "env-reference");
        var identity = t.UrlSafe(48);
        b.File("docker-config-identity-token", "home/.docker/config.json",
            $"{{ \"auths\": {{ \"bwregistry.azurecr.io\": {{ \"identitytoken\": \"{identity}\" }} }} }}\n", identity,
            "home/.docker/config.json", "{ \"auths\": { \"bwregistry.azurecr.io\": { \"identitytoken\": \"<token>\" } } }\n",
            "placeholder");
        var npmrc = t.Base62(40);
        b.File("npmrc-auth", ".npmrc", $"@brindlewick:registry=https://npm.brindlewick.io/\n//npm.brindlewick.io/:_authToken={npmrc}\n",
            npmrc, ".npmrc", "//npm.brindlewick.io/:_authToken=${NPM_TOKEN}\n", "env-reference");
        var netrc = t.Password(16);
        b.File("netrc-password", "home/.netrc", $"machine api.brindlewick.io\n  login ci\n  password {netrc}\n", netrc,
            "home/.netrc", "machine api.brindlewick.io login ci password changeme\n", "placeholder");
    }

    private static void AddGeneric(RuleCaseBuilder b, TestTokens t)
    {
        var pw = t.Password(16);
        b.File("generic-password", "docker-compose.yml",
            $"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: {pw}\n", pw,
            "docker-compose.yml", "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it}\n",
            "env-placeholder");
        var secret = t.UrlSafe(32);
        b.File("generic-secret", "config/auth.yaml", $"oidc:\n  issuer: https://login.brindlewick.io\n  client_secret: {secret}\n",
            secret, "config/auth.yaml", "oidc:\n  client_secret_hash: sha256:" + t.Hex(64) + "\n", "hash");
    }

    private static void Pem(RuleCaseBuilder b, string id, string path, string pem, string negativePath, string negative, string reason) =>
        b.File(id, path, pem, KeyMaterial.AsSecret(pem), negativePath, negative, reason);
}
