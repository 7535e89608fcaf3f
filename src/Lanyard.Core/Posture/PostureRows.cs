using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>Turns inventory entities into the slim rows posture reads, for callers that hold entities.</summary>
public static class PostureRows
{
    public static PostureIdentity From(Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);

        return new PostureIdentity(
            identity.Id,
            identity.Name,
            identity.Environment,
            identity.OwnerId,
            identity.Class,
            identity.Gone,
            identity.CreatedAt);
    }

    public static PostureCredential From(Credential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);

        return new PostureCredential(
            credential.Id,
            credential.IdentityId,
            credential.Environment,
            credential.OwnerId,
            credential.Name,
            credential.Kind,
            credential.Source,
            credential.State,
            credential.Fingerprint,
            credential.CreatedAt,
            credential.ExpiresAt,
            credential.LastUsedAt,
            credential.UsageTracked,
            credential.KeyAlgorithm,
            credential.KeySize,
            credential.SignatureAlgorithm)
        {
            SubjectAlternativeNames = credential.SubjectAlternativeNames,
        };
    }
}
