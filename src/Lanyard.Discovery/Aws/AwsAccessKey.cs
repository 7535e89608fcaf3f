using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;

namespace Lanyard.Discovery.Aws;

/// <summary>
/// What the files say about one access key. The credential report knows it as key 1 or 2 of a
/// user, the key listing by its id; both know its creation time, which is how they are merged.
/// </summary>
internal sealed class AwsAccessKey(AwsUser user, DateTimeOffset createdAt)
{
    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string? Id { get; set; }

    /// <summary>1 or 2: its column pair in the credential report.</summary>
    public int? Number { get; set; }

    public bool? Active { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Only the credential report records usage; a key listing says nothing about it.</summary>
    public bool? UsageTracked { get; set; }

    public string? Origin { get; private set; }

    public void AddOrigin(string origin) => Origin = Origins.Append(Origin, origin);

    public string ExternalKey => $"{user.ExternalKey}/access-key/{CreatedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";

    public DiscoveredCredential ToDiscovered()
    {
        var name = Id is not null ? $"access key {Id}"
            : Number is not null ? $"access key {Number} of {user.Name}"
            : $"access key created {CreatedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} of {user.Name}";

        return new DiscoveredCredential(ExternalKey, name, CredentialKind.AccessKey, Origin ?? string.Empty)
        {
            IdentityExternalKey = user.ExternalKey,
            State = Active switch
            {
                true => CredentialState.Active,
                false => CredentialState.Inactive,
                null => null,
            },
            Fingerprint = Id is null ? null : Fingerprints.OfText(Id),
            KeyId = Id,
            CreatedAt = CreatedAt,
            LastRotatedAt = CreatedAt,
            LastUsedAt = LastUsedAt,
            UsageTracked = UsageTracked,
        };
    }
}
