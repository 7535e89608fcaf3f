using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;

namespace Lanyard.Discovery.Aws;

/// <summary>
/// An IAM signing certificate from the credential report. The report gives only its state and
/// upload time, so it is recorded without a fingerprint or validity.
/// </summary>
internal sealed class AwsSigningCertificate(
    AwsUser user, DateTimeOffset uploadedAt, int number, bool active, string origin)
{
    public DiscoveredCredential ToDiscovered()
    {
        var key = $"{user.ExternalKey}/signing-certificate/{uploadedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";
        var name = $"signing certificate {number} of {user.Name}";

        return new DiscoveredCredential(key, name, CredentialKind.Certificate, origin)
        {
            IdentityExternalKey = user.ExternalKey,
            State = active ? CredentialState.Active : CredentialState.Inactive,
            CreatedAt = uploadedAt,
            LastRotatedAt = uploadedAt,
            UsageTracked = false,
        };
    }
}
