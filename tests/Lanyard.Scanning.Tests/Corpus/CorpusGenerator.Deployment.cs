namespace Lanyard.Scanning.Tests.Corpus;

/// <summary>Deployment files: Kubernetes, Helm, Compose, GitHub Actions, Terraform, Dockerfiles, shell.</summary>
internal static partial class CorpusGenerator
{
    private static void AddDeploymentFiles(List<CorpusFile> files, TestTokens t)
    {
        var dbPassword = t.Password(20);
        var github = t.Checksummed("ghp_");
        files.Add(new CorpusFile("deploy/k8s/ledger-secrets.yaml")
            .Add("apiVersion: v1", "kind: Secret", "metadata:", "  name: ledger-secrets", "type: Opaque", "data:")
            .Secret("generic-password", dbPassword, $"  DB_PASSWORD: {B64(dbPassword)}")
            .Secret("github-pat", github, $"  GITHUB_TOKEN: {B64(github)}")
            .Negative("base64-config", $"  AWS_REGION: {B64("eu-central-1")}")
            .Negative("base64-config", $"  DB_HOST: {B64("pg-primary.ledger.svc.cluster.local")}"));

        var workerPassword = t.Password(18);
        files.Add(new CorpusFile("deploy/k8s/worker.yaml")
            .Add("apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: invoice-worker", "spec:", "  template:",
                "    spec:", "      containers:", "        - name: worker",
                "          image: registry.brindlewick.io/invoice-worker@sha256:" + t.Hex(64), "          env:",
                "            - name: QUEUE_PASSWORD")
            .Secret("generic-password", workerPassword, $"              value: \"{workerPassword}\"")
            .Add("            - name: DB_PASSWORD", "              valueFrom:", "                secretKeyRef:",
                "                  name: ledger-secrets", "                  key: DB_PASSWORD", "            - name: API_TOKEN")
            .Negative("template", "              value: \"$(API_TOKEN_FROM_VAULT)\"")
            .Add("            - name: LOG_LEVEL", "              value: info"));

        var webhook = "https://hooks.slack.com/services/T" + t.UpperAlphanumeric(10) + "/B" + t.UpperAlphanumeric(10) + "/" + t.Base62(24);
        files.Add(new CorpusFile("deploy/helm/ledger/values.yaml")
            .Add("replicaCount: 3", "image:", "  repository: registry.brindlewick.io/ledger", "  tag: 2.14.1", "database:",
                "  host: pg-primary")
            .Negative("reference", "  existingSecret: ledger-db-credentials")
            .Negative("empty-value", "  password: \"\"")
            .Negative("template", "  apiKey: \"{{ .Values.global.apiKey }}\"")
            .Add("alerts:")
            .Secret("slack-webhook-url", webhook, $"  slackWebhook: {webhook}")
            .Add("resources:", "  limits:", "    memory: 512Mi"));

        var composePassword = t.Password(20);
        var minio = t.Password(24);
        files.Add(new CorpusFile("docker-compose.yml")
            .Add("services:", "  postgres:", "    image: postgres:16", "    environment:", "      POSTGRES_USER: ledger")
            .Secret("generic-password", composePassword, $"      POSTGRES_PASSWORD: {composePassword}")
            .Add("  mysql:", "    image: mysql:8", "    environment:")
            .Negative("env-placeholder", "      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD:?required}")
            .Add("  minio:", "    image: minio/minio", "    environment:", "      MINIO_ROOT_USER: ledger")
            .Secret("generic-password", minio, $"      MINIO_ROOT_PASSWORD: \"{minio}\""));

        var actionsNpm = t.Checksummed("npm_");
        files.Add(new CorpusFile(".github/workflows/publish.yml")
            .Add("name: publish", "on:", "  push:", "    tags: ['v*']", "jobs:", "  publish:", "    runs-on: ubuntu-latest",
                "    steps:")
            .Negative("commit-sha", $"      - uses: actions/checkout@{t.Hex(40)} # v4")
            .Add("      - uses: actions/setup-node@v4", "        with:", "          node-version: 22", "      - run: npm publish",
                "        env:")
            .Negative("ci-secret-reference", "          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}")
            .Secret("npm-token", actionsNpm, $"          FALLBACK_NPM_TOKEN: {actionsNpm}"));

        var awsId = t.AwsKeyId();
        var awsSecret = t.AwsSecret();
        files.Add(new CorpusFile("infra/terraform/providers.tf")
            .Add("provider \"aws\" {", "  region     = \"eu-west-1\"")
            .Secret("aws-access-key-id", awsId, $"  access_key = \"{awsId}\"")
            .Secret("aws-secret-access-key", awsSecret, $"  secret_key = \"{awsSecret}\"")
            .Add("}", "", "resource \"aws_db_instance\" \"ledger\" {", "  engine   = \"postgres\"")
            .Negative("reference", "  password = random_password.ledger.result")
            .Negative("reference", "  username = var.db_username")
            .Add("}"));

        var ddKey = t.Hex(32);
        files.Add(new CorpusFile("infra/terraform/prod.tfvars")
            .Add("environment = \"prod\"")
            .Secret("datadog-api-key", ddKey, $"datadog_api_key = \"{ddKey}\"")
            .Negative("identifier", $"cloudflare_zone_id = \"{t.Hex(32)}\"")
            .Negative("identifier", $"kms_key_id = \"arn:aws:kms:eu-west-1:{t.Numeric(12)}:key/{Uuid(t)}\""));

        var dockerNpm = "ghp_" + t.Base62(36);
        var dockerToken = t.Checksummed("ghp_");
        files.Add(new CorpusFile("services/api/Dockerfile")
            .Add("FROM node:22-alpine AS build", "WORKDIR /app")
            .Negative("reference", "ARG NPM_TOKEN")
            .Negative("invalid-checksum", $"ENV GH_TOKEN_TEMPLATE={dockerNpm}")
            .Secret("github-pat", dockerToken, $"ENV GITHUB_TOKEN={dockerToken}")
            .Negative("reference", "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci")
            .Add("COPY . .", "RUN npm run build"));

        var gitlab = "glpat-" + t.UrlSafe(20);
        var basic = t.Password(16);
        files.Add(new CorpusFile("scripts/release.sh")
            .Add("#!/usr/bin/env bash", "set -euo pipefail")
            .Secret("gitlab-pat", gitlab, $"export GITLAB_TOKEN=\"{gitlab}\"")
            .Negative("env-reference", "curl -fsS -u \"$NEXUS_USER:$NEXUS_PASSWORD\" https://nexus.internal/repository/raw/")
            .Negative("reference", "DB_PASSWORD=$(vault kv get -field=password secret/ledger/db)")
            .Secret("url-basic-auth-password", basic, $"git push https://release-bot:{basic}@git.brindlewick.internal/ledger/ledger.git --tags")
            .Add("echo done"));
    }
}
