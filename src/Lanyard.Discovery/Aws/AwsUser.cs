using Lanyard.Core.Inventory;

namespace Lanyard.Discovery.Aws;

/// <summary>What the files of one import say about one IAM user, gathered before it becomes a record.</summary>
internal sealed class AwsUser(string name, bool isRoot)
{
    public const string RootName = "<root_account>";

    public string Name { get; } = name;

    public bool IsRoot { get; } = isRoot;

    /// <summary>The IAM path such as <c>/automation/</c>; null when only key or tag files named the user.</summary>
    public string? Path { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public IdentityClass? Class { get; set; }

    public bool OwnerStated { get; set; }

    public string? OwnerName { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public string? Origin { get; private set; }

    /// <summary>
    /// Access keys, told apart by creation time: the only thing both the report and the key
    /// listing know. Most users have one or two, so a list beats a dictionary (and a report of
    /// a hundred thousand users stays light on the collector).
    /// </summary>
    public List<AwsAccessKey>? Keys { get; private set; }

    public List<AwsSigningCertificate>? Certificates { get; private set; }

    public string ExternalKey => IsRoot ? "aws/iam/root" : $"aws/iam/user/{Name}";

    public string SpiffePath => IsRoot ? "/aws/iam/root" : $"/aws/iam{Path ?? "/"}{Name}";

    public void AddOrigin(string origin) => Origin = Origins.Append(Origin, origin);

    public AwsAccessKey Key(DateTimeOffset createdAt)
    {
        Keys ??= [];
        foreach (var known in Keys)
        {
            if (known.CreatedAt == createdAt)
            {
                return known;
            }
        }

        var key = new AwsAccessKey(this, createdAt);
        Keys.Add(key);
        return key;
    }

    public void AddCertificate(AwsSigningCertificate certificate)
    {
        Certificates ??= [];
        Certificates.Add(certificate);
    }
}
