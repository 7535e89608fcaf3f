using System.Text.Json;

namespace Lanyard.Discovery.Aws;

/// <summary>Reads the AWS CLI's JSON outputs, told apart by their top-level fields.</summary>
internal static class AwsJsonExports
{
    public static void Read(ExportFile file, AwsAccountBuilder account)
    {
        using var document = JsonCursor.Parse(file);
        var root = JsonCursor.Root(document, file.Name);

        if (root.Optional("AccessKeyMetadata") is { } keys)
        {
            AccessKeyListReader.Read(file, root, keys, account);
        }
        else if (root.Optional("Tags") is { } tags)
        {
            UserTagsReader.Read(file, root, tags, account);
        }
        else if (root.Optional("UserDetailList") is { } users)
        {
            ReadAuthorizationDetails(users, account, file.Name);
        }
        else if (root.Optional("Content") is { } content && root.Optional("ReportFormat") is not null)
        {
            ReadEncodedCredentialReport(content, account, file.Name);
        }
        else
        {
            throw root.Error(
                "not a known AWS export: expected the output of get-credential-report, list-access-keys, "
                + "list-user-tags or get-account-authorization-details");
        }
    }

    /// <summary>
    /// <c>aws iam get-account-authorization-details</c>: users with their paths and tags. It lists
    /// no access keys, so it declares no complete scope.
    /// </summary>
    private static void ReadAuthorizationDetails(JsonCursor users, AwsAccountBuilder account, string fileName)
    {
        foreach (var item in users.Items())
        {
            var user = account.User(item.RequiredString("UserName"));
            var path = item.OptionalString("Path") ?? "/";
            if (!path.StartsWith('/') || !path.EndsWith('/'))
            {
                throw item.Required("Path").Error("an IAM path starts and ends with /");
            }

            user.Path = path;
            user.CreatedAt = item.Required("CreateDate").Date();
            user.AddOrigin($"aws account authorization details {fileName}");
            UserTagsReader.ApplyTags(user, item.Optional("Tags"), complete: true);
        }
    }

    /// <summary>The credential report as the CLI prints it without <c>--query Content</c>: base64 CSV.</summary>
    private static void ReadEncodedCredentialReport(JsonCursor content, AwsAccountBuilder account, string fileName)
    {
        byte[] csv;
        try
        {
            csv = Convert.FromBase64String(content.String());
        }
        catch (FormatException)
        {
            throw content.Error("Content is not base64");
        }

        using var stream = new MemoryStream(csv, writable: false);
        CredentialReportReader.Read(stream, fileName, account);
    }

    public static bool IsTruncated(JsonCursor root) =>
        root.Optional("IsTruncated") is { Element.ValueKind: JsonValueKind.True };
}
