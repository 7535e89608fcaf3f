using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Pki;
using Lanyard.Server.Auth;
using Lanyard.Server.OAuth;
using Lanyard.Store.Pki;

namespace Lanyard.Server.Api;

/// <summary>
/// An environment's CA for operators: what it is, importing an existing root or intermediate in
/// place of the generated one, and replacing the issuing intermediate by hand.
/// </summary>
internal static class CaEndpoints
{
    public static void MapEnvironmentCa(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/environments/{env}/ca").WithTags("PKI");
        group.MapGet("/", ShowAsync);
        group.MapPost("/import", ImportAsync);
        group.MapPost("/rotate-intermediate", RotateAsync);
    }

    private static async Task<IResult> ShowAsync(string env, HttpContext http, EnvironmentCaStore cas, IssuerUrls urls,
        CancellationToken ct)
    {
        if (!InventoryNames.IsValidEnvironment(env))
        {
            return Problems.From(Problem.NotFound("environment", env));
        }

        var ca = await cas.GetAsync(env, urls.PkiBase(http.Request), ct);
        return ca.ToResult(c => Results.Ok(CaView.From(c)));
    }

    private static async Task<IResult> ImportAsync(
        string env, ImportCaRequest? body, HttpContext http, EnvironmentCaStore cas, IssuerUrls urls, CancellationToken ct)
    {
        if (!InventoryNames.IsValidEnvironment(env))
        {
            return Problems.From(Problem.NotFound("environment", env));
        }

        byte[]? pkcs12 = null;
        if (body?.Pkcs12 is { } encoded)
        {
            try
            {
                pkcs12 = Convert.FromBase64String(encoded);
            }
            catch (FormatException)
            {
                return Problems.Invalid("pkcs12", "The PKCS#12 is not base64.");
            }
        }

        var source = new CaImportSource(body?.Certificate, body?.Key, pkcs12, body?.Password, body?.Chain);
        var imported = await cas.ImportAsync(env, source, urls.PkiBase(http.Request), http.User.ToActor(), ct);
        return imported.ToResult(c => Results.Ok(CaView.From(c)));
    }

    private static async Task<IResult> RotateAsync(string env, HttpContext http, EnvironmentCaStore cas,
        IssuerUrls urls, CancellationToken ct)
    {
        if (!InventoryNames.IsValidEnvironment(env))
        {
            return Problems.From(Problem.NotFound("environment", env));
        }

        var rotated = await cas.RotateIntermediateAsync(env, urls.PkiBase(http.Request), http.User.ToActor(), ct);
        return rotated.ToResult(c => Results.Ok(CaView.From(c)));
    }
}
