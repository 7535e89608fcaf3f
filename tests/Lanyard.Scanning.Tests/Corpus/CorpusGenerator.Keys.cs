namespace Lanyard.Scanning.Tests.Corpus;

/// <summary>Key and certificate files: private keys of every container, and public material that is not secret.</summary>
internal static partial class CorpusGenerator
{
    private static void AddKeyFiles(List<CorpusFile> files, TestTokens t)
    {
        Key(files, "keys/jenkins_deploy", KeyMaterial.OpenSsh("jenkins@ci"));
        Key(files, "certs/api.brindlewick.io.key", KeyMaterial.EcSec1());
        Key(files, "keys/legacy/dsa_host_key", KeyMaterial.DsaTraditional());
        Key(files, "keys/backups/archive-signing.pem", KeyMaterial.EncryptedPkcs8("bw-archive-2025"));
        Key(files, "keys/token-signing.pem", KeyMaterial.RsaPkcs1());
        var putty = KeyMaterial.PuttyV3("ops@bastion");
        files.Add(new CorpusFile("keys/bastion.ppk").SecretBlock("private-key", KeyMaterial.AsSecret(putty), putty));

        files.Add(new CorpusFile("certs/ca.crt").NegativeBlock("certificate", KeyMaterial.CertificatePem()));
        files.Add(new CorpusFile("keys/token-signing.pub.pem").NegativeBlock("public-key", KeyMaterial.PublicKeyPem()));
        files.Add(new CorpusFile("keys/jenkins_deploy.pub")
            .Negative("public-key", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + t.Base64(300) + " jenkins@ci"));

        var pkcs8 = KeyMaterial.Pkcs8();
        var escaped = KeyMaterial.AsSecret(pkcs8).Replace("\n", "\\n", StringComparison.Ordinal) + "\\n";
        files.Add(new CorpusFile("infra/gcp/ledger-exporter.json")
            .Add("{", "  \"type\": \"service_account\",", "  \"project_id\": \"bw-ledger-prod\",")
            .Negative("identifier", $"  \"private_key_id\": \"{t.Hex(40)}\",")
            .Secret("gcp-service-account-key", KeyMaterial.AsSecret(pkcs8), $"  \"private_key\": \"{escaped}\",")
            .Add("  \"client_email\": \"ledger-exporter@bw-ledger-prod.iam.gserviceaccount.com\",")
            .Negative("identifier", $"  \"client_id\": \"{t.Numeric(21)}\",")
            .Add("  \"token_uri\": \"https://oauth2.googleapis.com/token\"", "}"));

        var yamlKey = KeyMaterial.EcSec1();
        var indented = string.Join('\n', yamlKey.TrimEnd('\n').Split('\n').Select(l => "    " + l));
        files.Add(new CorpusFile("deploy/k8s/tls-secret.yaml")
            .Add("apiVersion: v1", "kind: Secret", "metadata:", "  name: api-tls", "type: kubernetes.io/tls", "stringData:",
                "  tls.key: |")
            .SecretBlock("private-key", KeyMaterial.AsSecret(yamlKey), indented));
    }

    private static void Key(List<CorpusFile> files, string path, string pem) =>
        files.Add(new CorpusFile(path).SecretBlock("private-key", KeyMaterial.AsSecret(pem), pem));
}
