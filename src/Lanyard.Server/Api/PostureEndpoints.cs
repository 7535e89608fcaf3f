using System.Globalization;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Api;

/// <summary><c>GET /v1/findings?environment=ENV&amp;asOf=TIME</c>: posture, now or at another moment.</summary>
internal static class PostureEndpoints
{
    public static void MapPosture(this RouteGroupBuilder v1)
    {
        v1.MapGet("/findings", async (HttpRequest request, InventoryService inventory, CancellationToken ct) =>
        {
            DateTimeOffset? asOf = null;
            if (QueryParsing.NonEmpty(request.Query["asOf"]) is { } asOfText)
            {
                if (!DateTimeOffset.TryParse(asOfText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return Problems.Invalid("asOf", $"'{asOfText}' is not a time; use ISO 8601, such as 2026-11-15T00:00:00Z.");
                }

                asOf = parsed.ToUniversalTime();
            }

            var environment = QueryParsing.NonEmpty(request.Query["environment"]);
            return (await inventory.PostureAsync(environment, asOf, ct))
                .ToResult(findings => Results.Ok(findings.Select(FindingView.From).ToList()));
        }).WithTags("Posture");
    }
}
