using Lanyard.Core;
using Lanyard.Core.Discovery;
using Lanyard.Server.Auth;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Api;

/// <summary>
/// <c>POST /v1/scan-reports</c>: where a scan found hardcoded secrets, by fingerprint only; they
/// become hardcoded-secret findings. <c>GET /v1/scan-reports</c> lists the stored places.
/// </summary>
internal static class ScanReportEndpoints
{
    public static void MapScanReports(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/scan-reports").WithTags("Scan reports");
        group.MapPost("/", ReportAsync)
            .Produces<ScanReportView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Report where a scan found hardcoded secrets, as fingerprints")
            .WithDescription($"At most {ScanReportRules.MaxFindings} findings per request. The secret itself is never sent: "
                + "a field the schema does not name, such as secret, is refused.");
        group.MapGet("/", ListAsync)
            .Produces<PageView<SightingView>>()
            .WithSummary("Stored places of hardcoded secrets, filtered by source, fingerprint or rule");
    }

    private static async Task<IResult> ReportAsync(
        ScanReport body, HttpContext http, InventoryService inventory, ILoggerFactory loggers, CancellationToken ct)
    {
        var reported = await inventory.ReportSecretsAsync(body, http.User.ToActor(), ct);
        if (reported.Succeeded)
        {
            var s = reported.Value!;
            Log.ScanReported(loggers.CreateLogger("Lanyard.Server.ScanReports"), body.Source, s.Received, s.Stored,
                s.Linked.Count, s.Resolved);
        }

        return reported.ToResult(s => Results.Ok(ScanReportView.From(s)));
    }

    private static async Task<IResult> ListAsync(HttpRequest request, InventoryService inventory, CancellationToken ct)
    {
        var query = ReadQuery(request);
        if (!query.Succeeded)
        {
            return Problems.From(query.Problem!);
        }

        var page = await inventory.ListSightingsAsync(query.Value!, ct);
        return Results.Ok(new PageView<SightingView>(page.Items.Select(SightingView.From).ToList(), page.NextCursor));
    }

    private static Result<SightingQuery> ReadQuery(HttpRequest request)
    {
        var query = request.Query;
        var fingerprint = QueryParsing.NonEmpty(query["fingerprint"]);
        if (fingerprint is not null && !ScanReportRules.IsFingerprint(fingerprint))
        {
            return Problem.Invalid("fingerprint", "fingerprint must be 64 lowercase hex digits.");
        }

        var limit = ListQuery.DefaultLimit;
        if (QueryParsing.NonEmpty(query["limit"]) is { } limitText
            && (!int.TryParse(limitText, out limit) || limit is < 1 or > ListQuery.MaxLimit))
        {
            return Problem.Invalid("limit", $"limit must be a whole number from 1 to {ListQuery.MaxLimit}.");
        }

        return new SightingQuery
        {
            Source = QueryParsing.NonEmpty(query["source"]),
            Fingerprint = fingerprint,
            RuleId = QueryParsing.NonEmpty(query["ruleId"]),
            Cursor = QueryParsing.NonEmpty(query["cursor"]),
            Limit = limit,
        };
    }
}
