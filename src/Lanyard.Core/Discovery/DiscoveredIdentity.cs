using Lanyard.Core.Inventory;

namespace Lanyard.Core.Discovery;

/// <summary>An identity as a source reports it. Null fields are unknown to that source and leave stored values alone.</summary>
/// <param name="ExternalKey">The source's stable key, such as <c>kubernetes/serviceaccount/ci/deploy-bot</c>.</param>
/// <param name="Name">The inventory name, unique within the environment.</param>
/// <param name="SpiffePath">The path part of the SPIFFE ID, starting with <c>/</c>.</param>
/// <param name="Origin">Where it came from, in words.</param>
public sealed record DiscoveredIdentity(string ExternalKey, string Name, string SpiffePath, string Origin)
{
    public IdentityClass? Class { get; init; }

    /// <summary>True when this source is authoritative about the owner: then a null <see cref="OwnerName"/> means none.</summary>
    public bool OwnerStated { get; init; }

    public string? OwnerName { get; init; }

    /// <summary>Labels or tags to merge into the identity's labels; null when the source has none to say.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>
    /// True when the source knows the identity only by its key (a key listing, a tag file), so its
    /// name and SPIFFE path are a best guess: it is created when missing, but a stored name and
    /// SPIFFE ID are never overwritten from it.
    /// </summary>
    public bool Partial { get; init; }
}
