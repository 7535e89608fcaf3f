using System.Text;

namespace Lanyard.Scanning.Tests.Corpus;

/// <summary>Documentation, lock files, generated and encrypted files: mostly hard negatives.</summary>
internal static partial class CorpusGenerator
{
    private static void AddDocsAndGenerated(List<CorpusFile> files, TestTokens t)
    {
        var leaked = "dop_v1_" + t.Hex(64);
        files.Add(new CorpusFile("docs/runbooks/cloud-access.md")
            .Add("# Cloud access", "", "Configure the AWS CLI the way the AWS docs show:", "", "```ini", "[default]")
            .Negative("documented-example", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE")
            .Negative("documented-example", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
            .Add("```", "", "Call the API with your token:", "", "```bash")
            .Negative("placeholder", "curl -H \"Authorization: Bearer <your-token>\" https://api.brindlewick.io/v2/me")
            .Negative("placeholder", "export STRIPE_SECRET_KEY=sk_live_****************")
            .Add("```", "", "The droplet automation used this token until it was rotated:", "")
            .Secret("digitalocean-token", leaked, $"    DIGITALOCEAN_TOKEN={leaked}")
            .Add("", "A token from jwt.io looks like this:", "")
            .Negative("documented-example", "    eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"));

        files.Add(new CorpusFile("README.md")
            .Add("# Ledger", "", "Set `LEDGER_TOKEN` before running:", "")
            .Negative("env-reference", "    export LEDGER_TOKEN=$(lanyard token issue ledger --env prod)")
            .Negative("placeholder", "    export GITHUB_TOKEN=ghp_your_token_here")
            .Add("", "Passwords are read from the secret store, never from this file."));

        var integrity = new CorpusFile("web/package-lock.json")
            .Add("{", "  \"name\": \"web\",", "  \"lockfileVersion\": 3,", "  \"packages\": {");
        foreach (var name in new[] { "react", "react-dom", "zod", "undici" })
        {
            integrity.Add($"    \"node_modules/{name}\": {{", "      \"version\": \"1.2.3\",")
                .Negative("lockfile-integrity", $"      \"integrity\": \"sha512-{t.Base64(86)}==\",")
                .Add("      \"license\": \"MIT\"", "    },");
        }

        files.Add(integrity.Add("    \"\": {}", "  }", "}"));

        var sum = new CorpusFile("tools/notifier/go.sum");
        foreach (var module in new[] { "github.com/slack-go/slack v0.15.0", "golang.org/x/net v0.30.0" })
        {
            sum.Negative("hash", $"{module} h1:{t.Base64(43)}=").Negative("hash", $"{module}/go.mod h1:{t.Base64(43)}=");
        }

        files.Add(sum);

        var fixtures = new CorpusFile("ledger/tests/fixtures/users.json").Add("[");
        foreach (var user in new[] { "ada", "grace" })
        {
            fixtures.Add("  {", $"    \"login\": \"{user}\",")
                .Negative("password-hash", $"    \"password_hash\": \"$2b$12${t.Base62(53)}\",")
                .Negative("uuid", $"    \"api_key_id\": \"{Uuid(t)}\"")
                .Add("  },");
        }

        files.Add(fixtures.Add("  {}", "]"));

        files.Add(new CorpusFile("web/src/locales/en.json")
            .Add("{")
            .Negative("prose", "  \"password\": \"Password\",")
            .Negative("prose", "  \"passwordHint\": \"At least 12 characters\",")
            .Negative("prose", "  \"tokenExpired\": \"Your session token expired. Please sign in again.\",")
            .Add("  \"title\": \"Ledger\"", "}"));

        files.Add(new CorpusFile("deploy/secrets/prod.enc.yaml")
            .Add("database:")
            .Negative("encrypted-value", $"    password: ENC[AES256_GCM,data:{t.Base64(24)},iv:{t.Base64(43)}=,tag:{t.Base64(22)}==,type:str]")
            .Add("sops:", "    version: 3.9.0"));

        files.Add(new CorpusFile("deploy/ansible/group_vars/prod.yml")
            .Add("ledger_db_user: ledger")
            .Negative("encrypted-value", "ledger_db_password: !vault |")
            .Add("  $ANSIBLE_VAULT;1.1;AES256", "  " + t.Hex(80), "  " + t.Hex(80)));

        var svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path d=\"M");
        for (var i = 0; i < 200; i++)
        {
            svg.Append(t.Next(24)).Append('.').Append(t.Next(100)).Append(' ').Append(t.Next(24)).Append('L');
        }

        files.Add(new CorpusFile("web/public/logo.svg").Add(svg.Append("Z\"/></svg>").ToString()));

        var mapsKey = "AIza" + t.UrlSafe(35);
        var minified = new StringBuilder("!function(e){\"use strict\";var t=\"");
        minified.Append(t.Base64(400)).Append("\",n={apiKey:\"").Append(mapsKey).Append("\",hash:\"").Append(t.Hex(64))
            .Append("\",token:e.token||\"\"};e.init=function(){return n}}(window);");
        files.Add(new CorpusFile("web/public/vendor.min.js").Secret("google-api-key", mapsKey, minified.ToString()));

        var sqlPassword = t.Password(18);
        files.Add(new CorpusFile("db/migrations/0001_roles.sql")
            .Add("-- roles for the reporting replica")
            .Secret("generic-password", sqlPassword, $"CREATE ROLE reporter WITH LOGIN PASSWORD '{sqlPassword}';")
            .Negative("template", "CREATE ROLE app WITH LOGIN PASSWORD :'app_password';")
            .Add("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporter;"));
    }
}
