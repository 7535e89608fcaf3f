using Lanyard.Core.Access;
using Lanyard.Core.Audit;
using Lanyard.Server.Auth;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Hosting;

/// <summary>
/// Reads are open to every authenticated principal; changes need the admin role. A refused
/// change is audited.
/// </summary>
internal sealed class WriteGate(InventoryService inventory) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || http.User.IsInRole(nameof(Role.Admin)))
        {
            return await next(context);
        }

        await inventory.RecordAsync(new AuditEntry(http.User.ToActor(), "request.refused", http.Request.Path, AuditOutcome.Refused)
        {
            Detail = new Dictionary<string, object?> { ["method"] = http.Request.Method, ["reason"] = "changes need the admin role" },
        }, http.RequestAborted);
        return Results.Problem("Changes need the admin role.", statusCode: StatusCodes.Status403Forbidden,
            title: "Not allowed", type: Api.Problems.TypePrefix + "forbidden");
    }
}
