namespace Lanyard.Scanning.Tests.Corpus;

/// <summary>Source code in common languages, a notebook and an HTTP request file.</summary>
internal static partial class CorpusGenerator
{
    private static void AddSourceFiles(List<CorpusFile> files, TestTokens t)
    {
        var openai = "sk-proj-" + t.UrlSafe(74) + "T3BlbkFJ" + t.UrlSafe(74);
        var hf = "hf_" + t.Letters(34);
        files.Add(new CorpusFile("ml/summarize/settings.py")
            .Add("import os", "", "from pathlib import Path", "", "BASE_DIR = Path(__file__).resolve().parent")
            .Negative("env-reference", "SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]")
            .Secret("openai-api-key", openai, $"OPENAI_API_KEY = \"{openai}\"")
            .Secret("huggingface-token", hf, $"HF_TOKEN = '{hf}'")
            .Negative("env-reference", "ANTHROPIC_API_KEY = os.getenv(\"ANTHROPIC_API_KEY\", \"\")")
            .Negative("hash", $"MODEL_SHA256 = \"{t.Hex(64)}\"")
            .Add("DEBUG = False"));

        var anthropic = "sk-ant-api03-" + t.UrlSafe(93) + "AA";
        files.Add(new CorpusFile("web/src/lib/assistant.ts")
            .Add("import Anthropic from \"@anthropic-ai/sdk\";", "")
            .Negative("env-reference", "const apiKey = process.env.ANTHROPIC_API_KEY ?? \"\";")
            .Negative("header-name", "const API_KEY_HEADER = \"x-api-key\";")
            .Secret("anthropic-api-key", anthropic, $"const fallbackKey = \"{anthropic}\";")
            .Negative("uuid", $"const requestId = \"{Uuid(t)}\";")
            .Add("", "export const client = new Anthropic({ apiKey: apiKey || fallbackKey });"));

        var slack = "xoxb-" + t.Numeric(12) + "-" + t.Numeric(13) + "-" + t.Base62(24);
        files.Add(new CorpusFile("tools/notifier/main.go")
            .Add("package main", "", "import (", "\t\"os\"", ")", "")
            .Secret("slack-bot-token", slack, $"const slackToken = \"{slack}\"")
            .Add("", "func main() {")
            .Negative("env-reference", "\ttoken := os.Getenv(\"SLACK_TOKEN\")")
            .Negative("hash", $"\temptySHA := \"{t.Hex(64)}\"")
            .Add("\t_ = token", "\t_ = emptySHA", "}"));

        var javaPassword = t.Password(16);
        files.Add(new CorpusFile("ledger/src/main/java/io/brindlewick/ledger/MailConfig.java")
            .Add("package io.brindlewick.ledger;", "", "public final class MailConfig {")
            .Secret("generic-password", javaPassword, $"    private static final String SMTP_PASSWORD = \"{javaPassword}\";")
            .Negative("env-reference", "    private static final String SMTP_USER = System.getenv(\"SMTP_USER\");")
            .Negative("placeholder", "    private static final String PASSWORD_PROMPT = \"Enter password\";")
            .Add("}"));

        var csPassword = t.Password(20);
        var lanyard = Lanyard.Core.Keys.LanyardKeyFormat.Create("prod", t.Base62(27));
        files.Add(new CorpusFile("billing/src/Billing/Startup.cs")
            .Add("namespace Billing;", "", "public static class Startup", "{")
            .Secret("connection-string-password", csPassword,
                $"    private const string Ledger = \"Server=tcp:bw-sql.database.windows.net,1433;Database=ledger;User ID=billing;Password={csPassword};Encrypt=True;\";")
            .Secret("lanyard-api-key", lanyard, $"    private const string LanyardKey = \"{lanyard}\";")
            .Negative("env-reference", "    private static readonly string? Token = Environment.GetEnvironmentVariable(\"BILLING_TOKEN\");")
            .Negative("uuid", $"    private static readonly Guid TenantId = Guid.Parse(\"{Uuid(t)}\");")
            .Add("}"));

        var twilio = t.Hex(32);
        files.Add(new CorpusFile("sms-gateway/lib/gateway.rb")
            .Add("require 'twilio-ruby'", "", "module Gateway")
            .Negative("identifier", $"  ACCOUNT_SID = 'AC{t.Hex(32)}'")
            .Secret("twilio-auth-token", twilio, $"  TWILIO_AUTH_TOKEN = '{twilio}'")
            .Negative("env-reference", "  API_KEY = ENV['TWILIO_API_KEY']")
            .Add("end"));

        var phpPassword = t.Password(18);
        files.Add(new CorpusFile("shop/config/database.php")
            .Add("<?php", "return [", "    'mysql' => [", "        'host' => 'db.internal',", "        'username' => 'shop',")
            .Secret("generic-password", phpPassword, $"        'password' => '{phpPassword}',")
            .Negative("env-reference", "        'replica_password' => env('DB_REPLICA_PASSWORD'),")
            .Add("    ],", "];"));

        var notebookKey = "AIza" + t.UrlSafe(35);
        files.Add(new CorpusFile("notebooks/geo-analysis.ipynb")
            .Add("{", " \"cells\": [", "  {", "   \"cell_type\": \"code\",", "   \"source\": [",
                "    \"import googlemaps\\n\",")
            .Secret("google-api-key", notebookKey, $"    \"gmaps = googlemaps.Client(key='{notebookKey}')\\n\",")
            .Negative("data-uri", "    \"logo = 'data:image/png;base64," + t.Base64(120) + "'\\n\"")
            .Add("   ]", "  }", " ],", " \"nbformat\": 4", "}"));

        var jwt = KeyMaterial.Jwt("invoice-exporter");
        files.Add(new CorpusFile("api/exports.http")
            .Add("### Export invoices", "GET https://api.brindlewick.io/v2/invoices/export")
            .Secret("jwt", jwt, $"Authorization: Bearer {jwt}")
            .Add("", "### As the current user", "GET https://api.brindlewick.io/v2/me")
            .Negative("template", "Authorization: Bearer {{auth_token}}"));
    }
}
