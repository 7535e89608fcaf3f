using Lanyard.Core;
using Lanyard.Core.Access;
using Lanyard.Server.Auth;
using Lanyard.Store.Access;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Api;

/// <summary>Tokens of people and automation: <c>/v1/principals</c>, create, list, show, revoke.</summary>
internal static class PrincipalEndpoints
{
    public static void MapPrincipals(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/principals").WithTags("Principals");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/revoke", RevokeAsync);
    }

    private static async Task<IResult> CreateAsync(
        CreatePrincipalRequest body, HttpContext http, PrincipalService principals, InventoryService inventory, CancellationToken ct)
    {
        if (!EnumText.TryParse<Role>(body.Role ?? "", out var role))
        {
            return Problems.Invalid("role", $"'{body.Role}' is not a role; use one of {EnumText.List<Role>()}.");
        }

        TimeSpan? lifetime = null;
        if (body.Ttl is { } ttl)
        {
            if (!Durations.TryParse(ttl, out var parsed))
            {
                return Problems.Invalid("ttl", $"'{ttl}' is not a lifetime; write it as a number and a unit, such as 8h, 30d or 2w.");
            }

            lifetime = parsed;
        }

        var draft = new PrincipalDraft(body.Name, role)
        {
            Environments = body.Environments ?? [],
            Teams = body.Teams ?? [],
            Identity = body.Identity,
            Lifetime = lifetime,
        };
        var created = await principals.CreateAsync(draft, http.User.ToActor(), ct);
        var owners = await inventory.OwnerNamesAsync(ct);
        return created.ToResult(c => Results.Created($"/v1/principals/{c.Principal.Id}",
            new CreatedPrincipalView(c.Token, PrincipalView.From(c.Principal, owners))));
    }

    private static async Task<IResult> ListAsync(PrincipalService principals, InventoryService inventory, CancellationToken ct)
    {
        var owners = await inventory.OwnerNamesAsync(ct);
        return Results.Ok((await principals.ListAsync(ct)).Select(p => PrincipalView.From(p, owners)).ToList());
    }

    private static async Task<IResult> GetAsync(Guid id, PrincipalService principals, InventoryService inventory, CancellationToken ct)
    {
        var owners = await inventory.OwnerNamesAsync(ct);
        return (await principals.GetAsync(id, ct)).ToResult(p => Results.Ok(PrincipalView.From(p, owners)));
    }

    private static async Task<IResult> RevokeAsync(
        Guid id, HttpContext http, PrincipalService principals, InventoryService inventory, CancellationToken ct)
    {
        var owners = await inventory.OwnerNamesAsync(ct);
        return (await principals.RevokeAsync(id, http.User.ToActor(), ct)).ToResult(p => Results.Ok(PrincipalView.From(p, owners)));
    }
}
