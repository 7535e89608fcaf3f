using Lanyard.Core.Discovery;

namespace Lanyard.Discovery.Aws;

/// <summary>
/// Imports an AWS account's IAM users and access keys from any mix of: the credential report
/// (CSV, as <c>aws iam get-credential-report</c> decodes to, or its JSON form); the output of
/// <c>aws iam list-access-keys</c>; <c>aws iam list-user-tags</c>, which must be saved under the
/// user's name (<c>svc-x.json</c>) because its output does not name the user; and
/// <c>aws iam get-account-authorization-details</c>.
/// </summary>
/// <remarks>
/// The report knows keys as "key 1 or 2 of a user" and the listing by id; both know a key's
/// creation time, so a key's external key is its user and creation time and the two merge.
/// </remarks>
public sealed class AwsImporter : IExportImporter
{
    public string Source => "aws";

    public DiscoveryBatch Import(IReadOnlyList<ExportFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);

        var account = new AwsAccountBuilder();
        foreach (var file in files)
        {
            if (ContentSniffer.LooksLikeJson(file))
            {
                AwsJsonExports.Read(file, account);
            }
            else
            {
                CredentialReportReader.Read(file, account);
            }
        }

        return account.Build(Source);
    }
}
