using Lanyard.Core.Access;
using Lanyard.Core.Audit;
using Lanyard.Core.Inventory;
using Lanyard.Server.Auth;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Api;

/// <summary>Environments, owners, identities and credentials under <c>/v1</c>.</summary>
internal static class InventoryEndpoints
{
    public static void MapInventory(this RouteGroupBuilder v1)
    {
        MapEnvironments(v1.MapGroup("/environments").WithTags("Environments"));
        MapOwners(v1.MapGroup("/owners").WithTags("Owners"));
        MapIdentities(v1.MapGroup("/identities").WithTags("Identities"));
        MapCredentials(v1.MapGroup("/credentials").WithTags("Credentials"));
        v1.MapWebhooks();
    }

    private static void MapEnvironments(RouteGroupBuilder group)
    {
        group.MapGet("/", async (InventoryService inventory, CancellationToken ct) =>
            Results.Ok((await inventory.ListEnvironmentsAsync(ct)).Select(EnvironmentView.From)));

        group.MapGet("/{name}", async (string name, InventoryService inventory, CancellationToken ct) =>
            (await inventory.GetEnvironmentAsync(name, ct)).ToResult(e => Results.Ok(EnvironmentView.From(e))));

        group.MapPost("/", async (CreateEnvironmentRequest body, HttpContext http, InventoryService inventory, CancellationToken ct) =>
            (await inventory.CreateEnvironmentAsync(
                new EnvironmentDraft(body.Name, body.TrustDomain, body.StaleAfterDays, body.RenewalWindowDays), http.User.ToActor(), ct))
            .ToResult(e => Results.Created($"/v1/environments/{e.Name}", EnvironmentView.From(e))));

        group.MapPatch("/{name}",
            async (string name, UpdateEnvironmentRequest body, HttpContext http, InventoryService inventory,
                CancellationToken ct) =>
            (await inventory.UpdateEnvironmentAsync(name,
                new EnvironmentPatch(body.StaleAfterDays, body.RenewalWindowDays), http.User.ToActor(), ct))
            .ToResult(e => Results.Ok(EnvironmentView.From(e))));

        group.MapDelete("/{name}", async (string name, HttpContext http, InventoryService inventory, CancellationToken ct) =>
            (await inventory.DeleteEnvironmentAsync(name, http.User.ToActor(), ct)).ToResult(_ => Results.NoContent()));
    }

    private static void MapOwners(RouteGroupBuilder group)
    {
        group.MapGet("/", async (HttpRequest request, InventoryService inventory, CancellationToken ct) =>
        {
            var query = QueryParsing.ReadListQuery(request);
            if (!query.Succeeded)
            {
                return Problems.From(query.Problem!);
            }

            var page = await inventory.ListOwnersAsync(query.Value!, ct);
            return Results.Ok(new PageView<OwnerView>(page.Items.Select(OwnerView.From).ToList(), page.NextCursor));
        });

        group.MapGet("/{idOrName}", async (string idOrName, InventoryService inventory, CancellationToken ct) =>
            (await inventory.GetOwnerAsync(idOrName, ct)).ToResult(o => Results.Ok(OwnerView.From(o))));

        group.MapPost("/", async (CreateOwnerRequest body, HttpContext http, InventoryService inventory, CancellationToken ct) =>
            (await inventory.CreateOwnerAsync(new OwnerDraft(body.Name, body.Contact, body.Webhook), http.User.ToActor(), ct))
            .ToResult(o => Results.Created($"/v1/owners/{o.Owner.Id}", OwnerView.From(o))));

        group.MapPatch("/{idOrName}",
            async (string idOrName, UpdateOwnerRequest body, HttpContext http, InventoryService inventory,
                CancellationToken ct) =>
        {
            if ((body.Webhook is not null || body.ClearWebhook)
                && await WebhookBeyondGrantAsync(idOrName, http, inventory, ct) is { } beyond)
            {
                return beyond;
            }

            return (await inventory.UpdateOwnerAsync(
                idOrName, new OwnerPatch(body.Name, body.Contact, body.Webhook, body.ClearWebhook), http.User.ToActor(), ct))
                .ToResult(o => Results.Ok(OwnerView.From(o)));
        });

        group.MapGet("/{idOrName}/webhook-deliveries",
            async (string idOrName, int? limit, InventoryService inventory, CancellationToken ct) =>
        {
            var owners = await inventory.OwnerNamesAsync(ct);
            return (await inventory.ListWebhookDeliveriesAsync(idOrName, limit ?? ListQuery.DefaultLimit, ct))
                .ToResult(d => Results.Ok(d.Select(r => WebhookDeliveryView.From(r, owners)).ToList()));
        });

        group.MapDelete("/{idOrName}", async (string idOrName, HttpContext http, InventoryService inventory, CancellationToken ct) =>
            (await inventory.DeleteOwnerAsync(idOrName, http.User.ToActor(), ct)).ToResult(_ => Results.NoContent()));
    }

    /// <summary>
    /// A team's webhook hears the events of every environment its identities live in, so only a
    /// principal that reaches all of them may point it elsewhere: one limited to staging could
    /// otherwise send the team's prod events to an address of its choosing.
    /// </summary>
    private static async Task<IResult?> WebhookBeyondGrantAsync(string idOrName, HttpContext http,
        InventoryService inventory, CancellationToken ct)
    {
        var grant = LanyardClaims.GrantOf(http.User);
        if (grant.ReachesEveryEnvironment || await inventory.GetOwnerAsync(idOrName, ct) is not { Succeeded: true } owner)
        {
            return null;
        }

        var outside = (await inventory.OwnerEnvironmentsAsync(owner.Value!.Id, ct)).Where(e => !grant.Reaches(e)).Order().ToList();
        if (outside.Count == 0)
        {
            return null;
        }

        var reason = $"team {owner.Value.Name}'s webhook also carries the events of {string.Join(", ", outside)}, "
            + $"and this {grant.Role.ToString().ToLowerInvariant()} is limited to {string.Join(", ", grant.Environments)}";
        await inventory.RecordAsync(new AuditEntry(http.User.ToActor(), "owner.update", $"owner/{owner.Value.Id}", AuditOutcome.Refused)
        {
            Detail = new Dictionary<string, object?> { ["reason"] = reason },
        }, ct);
        return AccessControl.Problem(new AccessControl.Refusal(reason, grant.Role,
            new AccessTarget(Owner: owner.Value.Id), owner.Value.Name));
    }

    private static void MapIdentities(RouteGroupBuilder group)
    {
        group.MapGet("/", async (HttpRequest request, InventoryService inventory, CancellationToken ct) =>
        {
            var query = QueryParsing.ReadListQuery(request);
            if (!query.Succeeded)
            {
                return Problems.From(query.Problem!);
            }

            var owners = await inventory.OwnerNamesAsync(ct);
            return (await inventory.ListIdentitiesAsync(query.Value!, ct)).ToResult(page => Results.Ok(
                new PageView<IdentityView>(page.Items.Select(i => IdentityView.From(i, owners)).ToList(), page.NextCursor)));
        });

        group.MapGet("/{id:guid}", async (Guid id, InventoryService inventory, CancellationToken ct) =>
        {
            var owners = await inventory.OwnerNamesAsync(ct);
            return (await inventory.GetIdentityAsync(new IdentityId(id), ct)).ToResult(i => Results.Ok(IdentityView.From(i, owners)));
        });

        group.MapPost("/", async (CreateIdentityRequest body, HttpContext http, InventoryService inventory, CancellationToken ct) =>
        {
            var draft = new IdentityDraft(body.Name, body.Environment, body.Owner) { Labels = body.Labels };
            var created = await inventory.CreateIdentityAsync(draft, http.User.ToActor(), ct);
            var owners = await inventory.OwnerNamesAsync(ct);
            return created.ToResult(i => Results.Created($"/v1/identities/{i.Id}", IdentityView.From(i, owners)));
        });

        group.MapPatch("/{id:guid}",
            async (Guid id, UpdateIdentityRequest body, HttpContext http, InventoryService inventory,
                CancellationToken ct) =>
        {
            var patch = new IdentityPatch(body.Owner, body.ClearOwner) { Labels = body.Labels };
            var updated = await inventory.UpdateIdentityAsync(new IdentityId(id), patch, http.User.ToActor(), ct);
            var owners = await inventory.OwnerNamesAsync(ct);
            return updated.ToResult(i => Results.Ok(IdentityView.From(i, owners)));
        });

        group.MapDelete("/{id:guid}", async (Guid id, HttpContext http, InventoryService inventory, CancellationToken ct) =>
            (await inventory.DeleteIdentityAsync(new IdentityId(id), http.User.ToActor(), ct)).ToResult(_ => Results.NoContent()));
    }

    private static void MapCredentials(RouteGroupBuilder group)
    {
        group.MapGet("/", async (HttpRequest request, InventoryService inventory, CancellationToken ct) =>
        {
            var query = QueryParsing.ReadListQuery(request);
            if (!query.Succeeded)
            {
                return Problems.From(query.Problem!);
            }

            var owners = await inventory.OwnerNamesAsync(ct);
            return (await inventory.ListCredentialsAsync(query.Value!, ct)).ToResult(page => Results.Ok(
                new PageView<CredentialView>(page.Items.Select(c => CredentialView.From(c, owners)).ToList(), page.NextCursor)));
        });

        group.MapGet("/{id:guid}", async (Guid id, InventoryService inventory, CancellationToken ct) =>
        {
            var owners = await inventory.OwnerNamesAsync(ct);
            return (await inventory.GetCredentialAsync(new CredentialId(id), ct)).ToResult(c => Results.Ok(CredentialView.From(c, owners)));
        });

        group.MapPost("/", async (CreateCredentialRequest body, HttpContext http, InventoryService inventory, CancellationToken ct) =>
        {
            var draft = new CredentialDraft(new IdentityId(body.Identity), body.Name, body.Kind)
            {
                Secret = body.Secret,
                ExpiresAt = body.ExpiresAt,
                KeyAlgorithm = body.KeyAlgorithm,
                KeySize = body.KeySize,
            };
            var owners = await inventory.OwnerNamesAsync(ct);
            return (await inventory.CreateCredentialAsync(draft, http.User.ToActor(), ct))
                .ToResult(c => Results.Created($"/v1/credentials/{c.Id}", CredentialView.From(c, owners)));
        });

        group.MapPatch("/{id:guid}",
            async (Guid id, UpdateCredentialRequest body, HttpContext http, InventoryService inventory,
                CancellationToken ct) =>
        {
            var owners = await inventory.OwnerNamesAsync(ct);
            var patch = new CredentialPatch(body.State, body.ExpiresAt, body.LastUsedAt);
            return (await inventory.UpdateCredentialAsync(new CredentialId(id), patch, http.User.ToActor(), ct))
                .ToResult(c => Results.Ok(CredentialView.From(c, owners)));
        });

        group.MapDelete("/{id:guid}", async (Guid id, HttpContext http, InventoryService inventory, CancellationToken ct) =>
            (await inventory.DeleteCredentialAsync(new CredentialId(id), http.User.ToActor(), ct)).ToResult(_ => Results.NoContent()));

        group.MapPost("/{id:guid}/reveal", async (Guid id, HttpContext http, InventoryService inventory, CancellationToken ct) =>
            (await inventory.RevealSecretAsync(new CredentialId(id), http.User.ToActor(), ct))
            .ToResult(secret => Results.Ok(new { secret })));
    }
}
