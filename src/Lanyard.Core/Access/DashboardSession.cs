namespace Lanyard.Core.Access;

/// <summary>
/// A signed-in browser session of the dashboard. The browser holds only a random reference; the
/// server keeps its hash and checks the principal behind it on every request, so revoking the
/// principal's token ends its sessions too.
/// </summary>
public sealed class DashboardSession
{
    /// <summary>Hex SHA-256 of the reference the browser holds.</summary>
    public required string ReferenceHash { get; set; }

    public Guid PrincipalId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The session ends here whatever its use.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The last request seen, to end idle sessions.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
}
