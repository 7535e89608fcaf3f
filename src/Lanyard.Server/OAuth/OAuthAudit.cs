using Lanyard.Core.Access;
using Lanyard.Core.Audit;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.OAuth;

/// <summary>Audit events of the OAuth2 endpoints; client ids and token ids only, never a secret or a token.</summary>
internal static class OAuthAudit
{
    public static Task RefusedAsync(
        InventoryService inventory, HttpContext http, string action, string environment, string? clientId,
        string method, OAuthError error) =>
        inventory.RecordAsync(new AuditEntry(Actor.Anonymous, action, Target(environment, clientId), AuditOutcome.Refused)
        {
            Detail = new Dictionary<string, object?>
            {
                ["environment"] = environment,
                ["clientId"] = clientId,
                ["method"] = method,
                ["error"] = error.Code,
                ["reason"] = error.AuditReason,
                ["address"] = http.Connection.RemoteIpAddress?.ToString(),
            },
        }, http.RequestAborted);

    public static Task SucceededAsync(
        InventoryService inventory, HttpContext http, string action, string environment, string clientId,
        IReadOnlyDictionary<string, object?> detail) =>
        inventory.RecordAsync(new AuditEntry(new Actor(clientId, Role.Workload), action, Target(environment, clientId))
        {
            Detail = new Dictionary<string, object?>(detail)
            {
                ["environment"] = environment,
                ["address"] = http.Connection.RemoteIpAddress?.ToString(),
            },
        }, http.RequestAborted);

    private static string Target(string environment, string? clientId) =>
        clientId is null ? $"oauth2/{environment}" : $"oauth2/{environment}/client/{clientId}";
}
