using Lanyard.Core.Inventory;
using Lanyard.Server.Auth;
using Lanyard.Store.Probes;

namespace Lanyard.Server.Api;

/// <summary>TLS endpoints probed on a schedule: <c>/v1/endpoints</c>.</summary>
internal static class EndpointWatchEndpoints
{
    public static void MapWatchedEndpoints(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/endpoints").WithTags("Certificates");
        group.MapGet("/", ListAsync);
        group.MapPost("/", AddAsync);
        group.MapDelete("/{id:guid}", RemoveAsync);
    }

    private static async Task<IResult> ListAsync(string? environment, EndpointWatch watch, CancellationToken ct) =>
        Results.Ok((await watch.ListAsync(environment, ct)).Select(WatchedEndpointView.From).ToList());

    private static async Task<IResult> AddAsync(WatchEndpointRequest? body, HttpContext http, EndpointWatch watch, CancellationToken ct)
    {
        if (body?.Host is null)
        {
            return Problems.Invalid("host", "Name the host and port to watch.");
        }

        var draft = new EndpointDraft(body.Host, body.Port, body.Environment, body.ServerName,
            body.IdentityId is { } id ? new IdentityId(id) : null);
        var added = await watch.AddAsync(draft, http.User.ToActor(), ct);
        return added.ToResult(e => Results.Created($"/v1/endpoints/{e.Id}", WatchedEndpointView.From(e)));
    }

    private static async Task<IResult> RemoveAsync(Guid id, HttpContext http, EndpointWatch watch, CancellationToken ct)
    {
        var removed = await watch.RemoveAsync(id, http.User.ToActor(), ct);
        return removed.ToResult(_ => Results.NoContent());
    }
}
