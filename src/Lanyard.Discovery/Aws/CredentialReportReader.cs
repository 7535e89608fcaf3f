using CsvHelper;

using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;

namespace Lanyard.Discovery.Aws;

/// <summary>
/// Reads the IAM credential report (<c>aws iam get-credential-report</c>, decoded), streaming it
/// row by row. The report lists every user and both key slots of each, so it is complete for the
/// whole of <c>aws/iam/</c>.
/// </summary>
internal static class CredentialReportReader
{
    public const string CompleteScope = "aws/iam/";

    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        DetectSeparatorHint = false,
        IncludeValuesInExceptions = false,
    };

    public static void Read(ExportFile file, AwsAccountBuilder account)
    {
        using var stream = file.Open();
        Read(stream, file.Name, account);
    }

    public static void Read(Stream stream, string fileName, AwsAccountBuilder account)
    {
        try
        {
            using var csv = CsvReader.Create(stream, Options, leaveOpen: true);
            var headers = csv.Headers;
            var origin = $"aws credential report {fileName}";
            var columns = ReportColumns.Resolve(headers, fileName);
            while (csv.Read())
            {
                CheckFieldCount(csv, headers, fileName);
                var row = new ReportRow(csv, columns, fileName);
                ReadUser(row, account, origin);
            }
        }
        catch (CsvFormatException e)
        {
            var where = e.LineNumber > 0 ? $"line {e.LineNumber}" : "the header";
            throw new ImportException(fileName, where, "the file is not well-formed CSV");
        }

        account.AddCompleteScope(CompleteScope);
    }

    /// <summary>A row with fewer or more fields than the header is cut short or misquoted.</summary>
    private static void CheckFieldCount(CsvReader csv, IReadOnlyList<string> headers, string fileName)
    {
        if (csv.FieldCount < headers.Count)
        {
            throw new ImportException(
                fileName,
                $"line {csv.LineNumber}, column {headers[csv.FieldCount]}",
                $"the row is cut short: it has {csv.FieldCount} of the header's {headers.Count} fields");
        }

        if (csv.FieldCount > headers.Count)
        {
            throw new ImportException(
                fileName,
                $"line {csv.LineNumber}",
                $"the row has {csv.FieldCount} fields, more than the header's {headers.Count}");
        }
    }

    private static void ReadUser(ReportRow row, AwsAccountBuilder account, string origin)
    {
        var name = row.Required(ReportColumns.User);
        var user = account.User(name);

        user.CreatedAt = row.Date(ReportColumns.UserCreationTime);
        user.AddOrigin(origin);
        if (!user.IsRoot)
        {
            user.Path = IamArn.UserPath(row.Required(ReportColumns.Arn))
                        ?? throw row.Error(ReportColumns.Arn, "not the ARN of an IAM user");
        }

        // The root row is the account itself; a console password marks a person; the rest are
        // the service users that machine-identity posture is about.
        user.Class = user.IsRoot ? IdentityClass.System
            : row.OptionalBool(ReportColumns.PasswordEnabled) == true ? IdentityClass.Human
            : IdentityClass.Machine;

        for (var n = 1; n <= 2; n++)
        {
            ReadAccessKey(row, user, n, origin);
            ReadSigningCertificate(row, user, n, origin);
        }
    }

    private static void ReadAccessKey(ReportRow row, AwsUser user, int n, string origin)
    {
        var active = row.Bool(ReportColumns.AccessKeyActive(n));
        if (row.OptionalDate(ReportColumns.AccessKeyLastRotated(n)) is not { } createdAt)
        {
            return;
        }

        var key = user.Key(createdAt);
        key.Number = n;
        key.Active = active;
        key.LastUsedAt = row.OptionalDate(ReportColumns.AccessKeyLastUsedDate(n));
        key.UsageTracked = true;
        key.AddOrigin($"{origin} (access key {n})");
    }

    private static void ReadSigningCertificate(ReportRow row, AwsUser user, int n, string origin)
    {
        var active = row.Bool(ReportColumns.CertActive(n));
        if (row.OptionalDate(ReportColumns.CertLastRotated(n)) is not { } uploadedAt)
        {
            return;
        }

        user.AddCertificate(new AwsSigningCertificate(user, uploadedAt, n, active, $"{origin} (certificate {n})"));
    }
}
