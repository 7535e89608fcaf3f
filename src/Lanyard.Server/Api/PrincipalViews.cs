using Lanyard.Core.Access;
using Lanyard.Core.Inventory;

namespace Lanyard.Server.Api;

/// <summary>
/// <c>POST /v1/principals</c>: a token for a person or automation. <c>role</c> is admin, auditor,
/// owner or workload; <c>environments</c> limits it (none: all); <c>teams</c> names an owner's
/// teams; <c>identity</c> a workload's identity; <c>ttl</c> its lifetime (default 30d).
/// </summary>
public sealed record CreatePrincipalRequest(
    string Name, string Role, IReadOnlyList<string>? Environments = null, IReadOnlyList<string>? Teams = null, Guid? Identity = null,
    string? Ttl = null);

/// <summary>A principal as the API shows it; its token never appears after creation.</summary>
public sealed record PrincipalView(
    Guid Id, string Name, string Role, IReadOnlyList<string> Environments, IReadOnlyList<string> Teams, Guid? Identity,
    string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static PrincipalView From(Principal p, IReadOnlyDictionary<OwnerId, string> owners) => new(
        p.Id, p.Name, EnumText.Of(p.Role), p.Environments,
        [.. p.Teams.Select(t => owners.GetValueOrDefault(new OwnerId(t)) ?? t.ToString())],
        p.IdentityId?.Value, p.CreatedBy, p.CreatedAt, p.ExpiresAt, p.LastUsedAt, p.RevokedAt);
}

/// <summary>A principal made just now and its token, shown this once.</summary>
public sealed record CreatedPrincipalView(string Token, PrincipalView Principal);
