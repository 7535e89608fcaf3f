using Lanyard.Core.Access;
using Lanyard.Core.Audit;
using Lanyard.Server.Auth;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Hosting;

/// <summary>
/// Reads are open to every authenticated person or automation principal; changes need the admin
/// role. Workloads, authenticated with an API key or access token, reach only <c>/v1/whoami</c> and
/// the SVID endpoints, which lie outside this gate. A refused request is audited.
/// </summary>
internal sealed class WriteGate(InventoryService inventory) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.IsInRole(nameof(Role.Workload)))
        {
            return await RefuseAsync(http, "workload credentials reach only /v1/whoami and /v1/svid",
                "A workload credential reaches only /v1/whoami and /v1/svid.");
        }

        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || http.User.IsInRole(nameof(Role.Admin)))
        {
            return await next(context);
        }

        return await RefuseAsync(http, "changes need the admin role", "Changes need the admin role.");
    }

    private async Task<IResult> RefuseAsync(HttpContext http, string reason, string detail)
    {
        await inventory.RecordAsync(new AuditEntry(http.User.ToActor(), "request.refused", http.Request.Path, AuditOutcome.Refused)
        {
            Detail = new Dictionary<string, object?> { ["method"] = http.Request.Method, ["reason"] = reason },
        }, http.RequestAborted);
        return Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden,
            title: "Not allowed", type: Api.Problems.TypePrefix + "forbidden");
    }
}
