using System.Security.Claims;
using Lanyard.Core.Access;
using Lanyard.Core.Inventory;
using Lanyard.Server.Api;
using Lanyard.Store.Access;
using Lanyard.Store.Inventory;

namespace Lanyard.Server.Auth;

/// <summary>
/// Finds what a request acts on, where its access-table row says to look. A target that does not
/// exist is judged as bound to nothing, so only an unlimited caller goes on, to a 404.
/// </summary>
internal sealed class AccessTargets(InventoryService inventory, PrincipalService principals)
{
    public async Task<IReadOnlyList<AccessTarget>> ResolveAsync(
        TargetKind kind, HttpContext http, IList<object?> arguments, CancellationToken ct)
    {
        var route = http.Request.RouteValues;
        var query = http.Request.Query;
        return kind switch
        {
            TargetKind.None => [AccessTarget.Global],
            TargetKind.EnvironmentRoute => [new AccessTarget(Text(route["name"] ?? route["env"]))],
            TargetKind.EnvironmentBody => [new AccessTarget(Argument<CreateEnvironmentRequest>(arguments)?.Name)],
            TargetKind.EndpointBody => [new AccessTarget(Argument<WatchEndpointRequest>(arguments)?.Environment)],
            TargetKind.EnvironmentQuery => [EnvironmentQuery(http)],
            TargetKind.OwnerRoute => [await OwnerAsync(Text(route["idOrName"]), ct)],
            TargetKind.IdentityRoute => [await IdentityAsync(Text(route["id"]), ct)],
            TargetKind.IdentityBody => [await NewIdentityAsync(Argument<CreateIdentityRequest>(arguments), ct)],
            TargetKind.IdentityPatch => await IdentityPatchAsync(Text(route["id"]), Argument<UpdateIdentityRequest>(arguments), ct),
            TargetKind.CredentialRoute => [await CredentialAsync(Text(route["id"]), ct)],
            TargetKind.CredentialBody => [await IdentityAsync(Argument<CreateCredentialRequest>(arguments)?.Identity.ToString(), ct)],
            TargetKind.CredentialQuery => Text(query["identity"]) is { Length: > 0 } identity
                ? [await IdentityAsync(identity, ct)]
                : [EnvironmentQuery(http)],
            TargetKind.Caller => [Caller(http.User)],
            TargetKind.PrincipalBody => await NewPrincipalAsync(Argument<CreatePrincipalRequest>(arguments), ct),
            TargetKind.PrincipalRoute => await PrincipalAsync(Text(route["id"]), ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown target kind."),
        };
    }

    private static AccessTarget EnvironmentQuery(HttpContext http) =>
        new(QueryParsing.NonEmpty(http.Request.Query["environment"]));

    private static AccessTarget Caller(ClaimsPrincipal user)
    {
        var grant = LanyardClaims.GrantOf(user);
        return new AccessTarget(grant.Environments.Count > 0 ? grant.Environments[0] : null, null, grant.Identity);
    }

    private async Task<AccessTarget> OwnerAsync(string? idOrName, CancellationToken ct) =>
        await OwnerIdAsync(idOrName, ct) is { } owner ? new AccessTarget(Owner: owner) : AccessTarget.Global;

    /// <summary>The owner named by name or id; null when none is named or none by that name exists.</summary>
    private async Task<OwnerId?> OwnerIdAsync(string? idOrName, CancellationToken ct) =>
        idOrName is not null && await inventory.GetOwnerAsync(idOrName, ct) is { Succeeded: true } found ? found.Value!.Id : null;

    private async Task<AccessTarget> IdentityAsync(string? id, CancellationToken ct) =>
        IdentityId.TryParse(id, out var identityId) && await inventory.GetIdentityAsync(identityId, ct) is { Succeeded: true } identity
            ? AccessTarget.Of(identity.Value!)
            : AccessTarget.Global;

    private async Task<AccessTarget> NewIdentityAsync(CreateIdentityRequest? body, CancellationToken ct)
    {
        if (body is null)
        {
            return AccessTarget.Global;
        }

        return new AccessTarget(body.Environment, await OwnerIdAsync(body.Owner, ct));
    }

    /// <summary>Moving an identity to another owner needs a say over both the identity and the owner it moves to.</summary>
    private async Task<IReadOnlyList<AccessTarget>> IdentityPatchAsync(string? id, UpdateIdentityRequest? body, CancellationToken ct)
    {
        var current = await IdentityAsync(id, ct);
        if (body is null || (body.Owner is null && !body.ClearOwner))
        {
            return [current];
        }

        return [current, current with { Owner = await OwnerIdAsync(body.Owner, ct) }];
    }

    private async Task<AccessTarget> CredentialAsync(string? id, CancellationToken ct)
    {
        if (!CredentialId.TryParse(id, out var credentialId)
            || await inventory.GetCredentialAsync(credentialId, ct) is not { Succeeded: true } found)
        {
            return AccessTarget.Global;
        }

        var credential = found.Value!;
        return credential.IdentityId is { } identity
            ? await IdentityAsync(identity.ToString(), ct)
            : new AccessTarget(credential.Environment, credential.OwnerId);
    }

    private async Task<IReadOnlyList<AccessTarget>> NewPrincipalAsync(CreatePrincipalRequest? body, CancellationToken ct)
    {
        if (body?.Identity is { } identity)
        {
            return [await IdentityAsync(identity.ToString(), ct)];
        }

        var environments = body?.Environments ?? [];
        return environments.Count == 0 ? [AccessTarget.Global] : [.. environments.Select(e => new AccessTarget(e))];
    }

    private async Task<IReadOnlyList<AccessTarget>> PrincipalAsync(string? id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var principalId) || await principals.GetAsync(principalId, ct) is not { Succeeded: true } found)
        {
            return [AccessTarget.Global];
        }

        var environments = found.Value!.Environments;
        return environments.Count == 0 || found.Value.Role == Role.Auditor
            ? [AccessTarget.Global]
            : [.. environments.Select(e => new AccessTarget(e))];
    }

    private static T? Argument<T>(IList<object?> arguments) where T : class => arguments.OfType<T>().FirstOrDefault();

    private static string? Text(object? value) => value?.ToString();
}
