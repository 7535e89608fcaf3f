using Lanyard.Core.Inventory;

namespace Lanyard.Discovery.Aws;

/// <summary>What the files of one import say about one IAM user, gathered before it becomes a record.</summary>
internal sealed class AwsUser(string name, bool isRoot)
{
    public const string RootName = "<root_account>";

    public string Name { get; } = name;

    public bool IsRoot { get; } = isRoot;

    /// <summary>The IAM path such as <c>/automation/</c>; null when only a key listing or tag file named the user.</summary>
    public string? Path { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public IdentityClass? Class { get; set; }

    public bool OwnerStated { get; set; }

    public string? OwnerName { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public OriginList Origins { get; } = new();

    /// <summary>Access keys by creation time: the only thing both the report and the key listing know.</summary>
    public SortedDictionary<DateTimeOffset, AwsAccessKey> Keys { get; } = [];

    public SortedDictionary<DateTimeOffset, AwsSigningCertificate> Certificates { get; } = [];

    public string ExternalKey => IsRoot ? "aws/iam/root" : $"aws/iam/user/{Name}";

    public string SpiffePath => IsRoot ? "/aws/iam/root" : $"/aws/iam{Path ?? "/"}{Name}";

    public AwsAccessKey Key(DateTimeOffset createdAt)
    {
        if (!Keys.TryGetValue(createdAt, out var key))
        {
            key = new AwsAccessKey(this, createdAt);
            Keys[createdAt] = key;
        }

        return key;
    }
}
