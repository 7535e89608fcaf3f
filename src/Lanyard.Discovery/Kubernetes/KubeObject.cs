namespace Lanyard.Discovery.Kubernetes;

/// <summary>The metadata of one item of a kubectl export that the importers use.</summary>
internal sealed record KubeObject(
    JsonCursor Item,
    string Namespace,
    string Name,
    Dictionary<string, string> Labels,
    Dictionary<string, string> Annotations,
    DateTimeOffset? CreatedAt)
{
    public const string OwnerKey = "owner";

    public static KubeObject Read(JsonCursor item)
    {
        var metadata = item.Required("metadata");
        return new KubeObject(
            item,
            metadata.OptionalString("namespace") ?? "default",
            metadata.RequiredString("name"),
            metadata.StringMap("labels"),
            metadata.StringMap("annotations"),
            metadata.OptionalDate("creationTimestamp"));
    }

    public string FullName => $"{Namespace}/{Name}";

    /// <summary>The <c>owner</c> label, which names the accountable team.</summary>
    public string? OwnerLabel => Labels.TryGetValue(OwnerKey, out var owner) && owner.Length > 0 ? owner : null;
}
