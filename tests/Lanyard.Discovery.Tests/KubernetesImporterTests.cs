using System.Text;

using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Discovery.Kubernetes;

namespace Lanyard.Discovery.Tests;

public sealed class KubernetesImporterTests
{
    private readonly KubernetesImporter _importer = new();

    private static ExportFile Export(string items) =>
        ExportFile.FromBytes("cluster.json", Encoding.UTF8.GetBytes(
            $$"""{"apiVersion":"v1","kind":"List","items":[{{items}}]}"""));

    private static string Secret(string type, string data, string labels = """{"owner":"team-a"}""") =>
        $$$"""
        {"apiVersion":"v1","kind":"Secret","type":"{{{type}}}","data":{{{data}}},
         "metadata":{"name":"s","namespace":"ns","labels":{{{labels}}},"creationTimestamp":"2025-01-01T00:00:00Z"}}
        """;

    [Fact]
    public void Import_JsonThatIsNoKubectlList_FailsAtTheRoot()
    {
        var file = ExportFile.FromBytes("cluster.json", """{"kind":"Secret","metadata":{}}"""u8.ToArray());

        var error = Assert.Throws<ImportException>(() => _importer.Import([file]));

        Assert.Equal("cluster.json", error.File);
        Assert.Equal("$", error.Location);
        Assert.Contains("not a kubectl List", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ItemWithoutKind_NamesItsPath()
    {
        var error = Assert.Throws<ImportException>(() => _importer.Import([Export("""{"metadata":{}}""")]));

        Assert.Equal("$.items[0].kind", error.Location);
    }

    [Fact]
    public void Import_BadBase64_NamesTheDataKeyButNotTheValue()
    {
        var error = Assert.Throws<ImportException>(() =>
            _importer.Import([Export(Secret("Opaque", """{"password":"not*base64"}"""))]));

        Assert.Equal("$.items[0].data.password", error.Location);
        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_TlsSecretWhosePemDoesNotParse_NamesTheJsonPathAndField()
    {
        var pem = Convert.ToBase64String(
            "-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----\n"u8.ToArray());

        var error = Assert.Throws<ImportException>(() =>
            _importer.Import([Export(Secret("kubernetes.io/tls", $$"""{"tls.crt":"{{pem}}"}"""))]));

        Assert.Equal("cluster.json: $.items[0].data[\"tls.crt\"]: tls.crt does not hold a PEM certificate that parses",
            error.Message);
    }

    [Fact]
    public void Import_OpaqueSecret_KeepsOnlyCredentialValuesAsFingerprints()
    {
        var data = """
            {"password":"aHVudGVyMg==","host":"ZGIuZXhhbXBsZQ==",
             "AWS_ACCESS_KEY_ID":"QUtJQUFCQ0RFRkdISUpLTE1OT1A="}
            """;

        var batch = _importer.Import([Export(Secret("Opaque", data))]);

        Assert.Equal(
            ["Secret ns/s key AWS_ACCESS_KEY_ID", "Secret ns/s key password"],
            batch.Credentials.Select(c => c.Name).Order(StringComparer.Ordinal));
        var key = batch.Credentials.Single(c => c.Kind == CredentialKind.AccessKey);
        Assert.Equal("AKIAABCDEFGHIJKLMNOP", key.KeyId);
        Assert.Equal("team-a", key.OwnerName);
        Assert.Equal(["kubernetes/"], batch.CompleteScopes);
    }

    [Fact]
    public void Import_HelmReleaseRecord_IsNoCredential()
    {
        var batch = _importer.Import([Export(Secret("helm.sh/release.v1", """{"release":"SDRzSQ=="}"""))]);

        Assert.Empty(batch.Credentials);
    }

    [Fact]
    public void Import_CsvGivenToTheKubernetesImporter_IsRejected()
    {
        var error = Assert.Throws<ImportException>(() =>
            _importer.Import([ReportText.File("report.csv", ReportText.Header)]));

        Assert.Contains("not a kubectl JSON export", error.Problem, StringComparison.Ordinal);
    }
}
