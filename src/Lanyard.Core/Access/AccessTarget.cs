using Lanyard.Core.Inventory;

namespace Lanyard.Core.Access;

/// <summary>
/// What a request acts on, as far as access is concerned: the environment, the owning team and the
/// identity. Each is null when the request does not touch one (a list of owners has no environment).
/// </summary>
public sealed record AccessTarget(string? Environment = null, OwnerId? Owner = null, IdentityId? Identity = null)
{
    /// <summary>A request bound to no environment, team or identity, such as the audit trail.</summary>
    public static readonly AccessTarget Global = new();

    public static AccessTarget Of(Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new AccessTarget(identity.Environment, identity.OwnerId, identity.Id);
    }
}
