using System.Text;

using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Discovery.Aws;

namespace Lanyard.Discovery.Tests;

public sealed class AwsImporterTests
{
    private readonly AwsImporter _importer = new();

    [Fact]
    public void Import_CredentialReport_ReadsUsersClassesAndKeys()
    {
        var batch = _importer.Import([ReportText.File("report.csv", ReportText.Header, ReportText.Root,
            ReportText.ServiceUser("svc-ci"))]);

        Assert.Equal(IdentityClass.System, batch.Identities.Single(i => i.Name == "<root_account>").Class);
        var user = batch.Identities.Single(i => i.Name == "svc-ci");
        Assert.Equal("/aws/iam/automation/svc-ci", user.SpiffePath);
        var key = Assert.Single(batch.Credentials);
        Assert.Equal("aws/iam/user/svc-ci/access-key/2026-01-19T13:37:45Z", key.ExternalKey);
        Assert.Equal("access key 1 of svc-ci", key.Name);
        Assert.True(key.UsageTracked);
        Assert.Equal(["aws/iam/"], batch.CompleteScopes);
    }

    [Fact]
    public void Import_CsvMissingAColumn_NamesFileLineAndColumn()
    {
        var header = ReportText.Header.Replace(",mfa_active", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<ImportException>(() =>
            _importer.Import([ReportText.File("report.csv", header)]));

        Assert.Equal("report.csv", error.File);
        Assert.Equal("line 1, column mfa_active", error.Location);
        Assert.Contains("mfa_active", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_TruncatedRow_NamesTheLineAndFirstMissingColumn()
    {
        var row = ReportText.ServiceUser("svc-ci");
        var cut = row[..row.IndexOf(",false,N/A,N/A,N/A,N/A,false", StringComparison.Ordinal)];

        var error = Assert.Throws<ImportException>(() =>
            _importer.Import([ReportText.File("report.csv", ReportText.Header, ReportText.Root, cut)]));

        Assert.Equal("line 3, column access_key_2_active", error.Location);
        Assert.Contains("cut short", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_WrongDate_NamesTheLineAndColumnButNotTheValue()
    {
        var row = ReportText.ServiceUser("svc-ci", rotated: "2026-19-01T13:37:45+00:00");

        var error = Assert.Throws<ImportException>(() =>
            _importer.Import([ReportText.File("report.csv", ReportText.Header, row)]));

        Assert.Equal("report.csv: line 2, column access_key_1_last_rotated: "
                     + "access_key_1_last_rotated is not an ISO 8601 date and time", error.Message);
    }

    [Fact]
    public void Import_UnknownJsonShape_FailsAtTheRoot()
    {
        var error = Assert.Throws<ImportException>(() =>
            _importer.Import([ExportFile.FromBytes("users.json", """{"Users":[]}"""u8.ToArray())]));

        Assert.Equal("$", error.Location);
        Assert.Contains("not a known AWS export", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_KeyListingMissingAField_NamesTheJsonPath()
    {
        var json = """{"AccessKeyMetadata":[{"UserName":"svc-ci","AccessKeyId":"AKIAX","Status":"Active"}]}""";

        var error = Assert.Throws<ImportException>(() =>
            _importer.Import([ExportFile.FromBytes("k.json", Encoding.UTF8.GetBytes(json))]));

        Assert.Equal("$.AccessKeyMetadata[0].CreateDate", error.Location);
    }

    [Fact]
    public void Import_UserTagsUnderAnUnusableFileName_ExplainsTheNamingRule()
    {
        var json = """{"Tags":[{"Key":"owner","Value":"team-a"}],"IsTruncated":false}""";

        var error = Assert.Throws<ImportException>(() =>
            _importer.Import([ExportFile.FromBytes("tags for svc?.json", Encoding.UTF8.GetBytes(json))]));

        Assert.Contains("named after the IAM user", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_AHundredThousandRowReport_ReadsEveryUserAndTheRoot()
    {
        var text = new StringBuilder(ReportText.Header).Append('\n').Append(ReportText.Root);
        for (var i = 0; i < 100_000; i++)
        {
            text.Append('\n').Append(ReportText.ServiceUser($"svc-{i}"));
        }

        var batch = _importer.Import([ExportFile.FromBytes("big.csv", Encoding.UTF8.GetBytes(text.ToString()))]);

        Assert.Equal(100_001, batch.Identities.Count);
        Assert.Contains(batch.Identities, i => i.Name == "svc-99999");
    }
}
