using Lanyard.Server.Auth;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Api;

/// <summary>
/// Owners' webhook deliveries across owners, <c>GET /v1/webhooks/deliveries</c>, and sending one
/// again by hand, <c>POST /v1/webhooks/deliveries/{id}/redeliver</c> (admin, as every change).
/// </summary>
internal static class WebhookEndpoints
{
    public static void MapWebhooks(this RouteGroupBuilder v1)
    {
        var deliveries = v1.MapGroup("/webhooks/deliveries").WithTags("Owners");
        deliveries.MapGet("/", ListAsync);
        deliveries.MapGet("/{id:guid}", async (Guid id, InventoryService inventory, CancellationToken ct) =>
        {
            var owners = await inventory.OwnerNamesAsync(ct);
            return (await inventory.GetWebhookDeliveryAsync(id, ct)).ToResult(d => Results.Ok(WebhookDeliveryView.From(d, owners)));
        });
        deliveries.MapPost("/{id:guid}/redeliver", async (Guid id, HttpContext http, InventoryService inventory, CancellationToken ct) =>
        {
            var owners = await inventory.OwnerNamesAsync(ct);
            return (await inventory.RedeliverWebhookAsync(id, http.User.ToActor(), ct))
                .ToResult(d => Results.Accepted($"/v1/webhooks/deliveries/{id}", WebhookDeliveryView.From(d, owners)));
        });
    }

    private static async Task<IResult> ListAsync(HttpRequest request, InventoryService inventory, CancellationToken ct)
    {
        var query = new WebhookDeliveryQuery { Owner = QueryParsing.NonEmpty(request.Query["owner"]) };
        if (QueryParsing.NonEmpty(request.Query["failed"]) is { } failed)
        {
            if (!bool.TryParse(failed, out var failedOnly))
            {
                return Problems.Invalid("failed", $"failed must be true or false, not '{failed}'.");
            }

            query = query with { FailedOnly = failedOnly };
        }

        if (QueryParsing.NonEmpty(request.Query["limit"]) is { } limitText)
        {
            if (!int.TryParse(limitText, out var limit) || limit is < 1 or > ListQuery.MaxLimit)
            {
                return Problems.Invalid("limit", $"limit must be a whole number from 1 to {ListQuery.MaxLimit}.");
            }

            query = query with { Limit = limit };
        }

        var owners = await inventory.OwnerNamesAsync(ct);
        return (await inventory.ListWebhookDeliveriesAsync(query, ct))
            .ToResult(d => Results.Ok(d.Select(r => WebhookDeliveryView.From(r, owners)).ToList()));
    }
}
