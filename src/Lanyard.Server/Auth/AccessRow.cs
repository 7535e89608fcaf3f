using Lanyard.Core.Access;

namespace Lanyard.Server.Auth;

/// <summary>
/// One line of the access table: an endpoint (method and route pattern), where its target is
/// named, and how far each role reaches on it (null: the role is refused). A public endpoint is
/// open without a Lanyard credential: it serves trust material or authenticates its callers itself.
/// </summary>
internal sealed record AccessRow(
    string Method, string Pattern, TargetKind Target, Reach? Admin, Reach? Auditor, Reach? Owner, Reach? Workload)
{
    public bool Public { get; init; }

    public Reach? ReachOf(Role role) => role switch
    {
        Role.Admin => Admin,
        Role.Auditor => Auditor,
        Role.Owner => Owner,
        Role.Workload => Workload,
        _ => null,
    };
}
