using System.Globalization;
using Lanyard.Core.Audit;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Api;

/// <summary>The audit trail: <c>GET /v1/audit</c> and <c>GET /v1/audit/verify</c>.</summary>
internal static class AuditEndpoints
{
    public static void MapAudit(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/audit").WithTags("Audit");

        group.MapGet("/", async (HttpRequest request, InventoryService inventory, CancellationToken ct) =>
        {
            long after = 0;
            if (QueryParsing.NonEmpty(request.Query["cursor"]) is { } cursor
                && !long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            {
                return Problems.Invalid("cursor", $"'{cursor}' is not an audit cursor.");
            }

            var limit = ListQueryLimit(request);
            if (limit is null)
            {
                return Problems.Invalid("limit", "limit must be a whole number from 1 to 1000.");
            }

            var page = await inventory.ListAuditAsync(after, limit.Value, QueryParsing.NonEmpty(request.Query["action"]),
                QueryParsing.NonEmpty(request.Query["actor"]), QueryParsing.NonEmpty(request.Query["target"]), ct);
            return Results.Ok(new PageView<AuditEventView>(page.Items.Select(AuditEventView.From).ToList(), page.NextCursor));
        });

        group.MapGet("/verify", async (InventoryService inventory, CancellationToken ct) =>
        {
            var verification = await inventory.VerifyAuditAsync(ct);
            return Results.Ok(new AuditVerificationView(verification.Intact, verification.EventsChecked,
                verification.Break?.Sequence, verification.Break?.Reason));
        });
    }

    private static int? ListQueryLimit(HttpRequest request)
    {
        if (QueryParsing.NonEmpty(request.Query["limit"]) is not { } text)
        {
            return Store.Inventory.ListQuery.DefaultLimit;
        }

        return int.TryParse(text, out var limit) && limit is >= 1 and <= Store.Inventory.ListQuery.MaxLimit ? limit : null;
    }
}

/// <summary>An audit event as the API shows it.</summary>
public sealed record AuditEventView(
    long Sequence, DateTimeOffset Time, string Actor, string Action, string Target, AuditOutcome Outcome, string? Detail,
    string PreviousHash, string Hash)
{
    public static AuditEventView From(AuditEvent e) => new(
        e.Sequence, e.Time, e.Actor, e.Action, e.Target, e.Outcome, e.Detail, e.PreviousHash, e.Hash);
}

/// <summary>Whether the chain verifies, and where it first breaks.</summary>
public sealed record AuditVerificationView(bool Intact, long EventsChecked, long? BrokenAt, string? Reason);
