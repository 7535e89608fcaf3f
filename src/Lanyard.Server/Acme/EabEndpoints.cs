using Lanyard.Core.Inventory;
using Lanyard.Server.Api;
using Lanyard.Server.Auth;
using Lanyard.Store.Acme;

namespace Lanyard.Server.Acme;

/// <summary>External Account Binding keys, created by an admin for an identity; the HMAC key is in this one answer only.</summary>
internal static class EabEndpoints
{
    public static void MapAcmeEab(this RouteGroupBuilder v1) =>
        v1.MapPost("/identities/{id:guid}/acme-eab", CreateAsync).WithTags("Identities");

    private static async Task<IResult> CreateAsync(Guid id, HttpContext http, AcmeAccounts accounts, AcmeUrls urls, CancellationToken ct)
    {
        var created = await accounts.CreateEabKeyAsync(new IdentityId(id), http.User.ToActor(), ct);
        return created.ToResult(k => Results.Created((string?)null, new EabKeyView(k.Kid, k.HmacKey, k.Environment, k.IdentityId.Value,
            urls.Directory(http.Request, k.Environment), k.ExpiresAt)));
    }
}

/// <summary>What <c>lanyard acme eab create</c> prints: the kid, the base64url HMAC key, and where to point the client.</summary>
public sealed record EabKeyView(
    [property: System.Text.Json.Serialization.JsonPropertyName("kid")] string Kid,
    [property: System.Text.Json.Serialization.JsonPropertyName("hmac_key")] string HmacKey,
    string Environment, Guid Identity, string Directory, DateTimeOffset ExpiresAt);
