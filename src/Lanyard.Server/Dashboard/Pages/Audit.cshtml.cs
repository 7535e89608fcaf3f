using System.Globalization;
using Lanyard.Core.Audit;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Dashboard.Pages;

/// <summary>The audit trail, newest first, with filters, and whether its hash chain holds.</summary>
public sealed class AuditModel(InventoryService inventory, DashboardSnapshots snapshots) : DashboardPage
{
    private const int PageSize = 100;

    public Page<AuditEvent> Events { get; private set; } = new([], null);

    public AuditVerification Verification { get; private set; } = null!;

    /// <summary>When the chain was last checked.</summary>
    public DateTimeOffset VerifiedAt { get; private set; }

    public string? Action { get; private set; }

    public string? Actor { get; private set; }

    public string? Target { get; private set; }

    public long? Before { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Action = QueryValue("action");
        Actor = QueryValue("actor");
        Target = QueryValue("target");
        Before = long.TryParse(QueryValue("before"), NumberStyles.None, CultureInfo.InvariantCulture, out var before) ? before : null;
        var verification = await snapshots.AuditAsync(cancellationToken);
        Verification = verification.Value;
        VerifiedAt = verification.At;
        Events = await inventory.ListAuditNewestFirstAsync(Before, PageSize, Action, Actor, Target, cancellationToken);
    }

    public string Link(string? before)
    {
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in new[] { ("action", Action), ("actor", Actor), ("target", Target), ("before", before) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(new(key, value));
            }
        }

        return "/audit" + QueryString.Create(query);
    }
}
