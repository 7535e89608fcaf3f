using Lanyard.Acme;
using Lanyard.Core.Inventory;
using Lanyard.Store.Pki;

namespace Lanyard.Server.Acme;

/// <summary>
/// An RFC 8555 ACME server per environment at <c>/acme/{env}</c>. Every response carries a fresh
/// <c>Replay-Nonce</c>, <c>Cache-Control: no-store</c> and the directory as <c>rel="index"</c>;
/// every refusal is an ACME problem document.
/// </summary>
internal static partial class AcmeEndpoints
{
    public static void MapAcme(this IEndpointRouteBuilder app)
    {
        var acme = app.MapGroup("/acme/{env}").AllowAnonymous().AddEndpointFilter(AcmeFilterAsync).ExcludeFromDescription();
        acme.MapGet("/directory", Directory);
        acme.MapMethods("/new-nonce", [HttpMethods.Head], (HttpContext http) => Results.Ok());
        acme.MapGet("/new-nonce", () => Results.NoContent());
        acme.MapPost("/new-account", NewAccountAsync);
        acme.MapPost("/account/{id}", AccountAsync);
        acme.MapPost("/account/{id}/orders", OrdersAsync);
        acme.MapPost("/key-change", KeyChangeAsync);
        acme.MapPost("/new-order", NewOrderAsync);
        acme.MapPost("/order/{id}", OrderAsync);
        acme.MapPost("/order/{id}/finalize", FinalizeAsync);
        acme.MapPost("/authz/{id}", AuthorizationAsync);
        acme.MapPost("/challenge/{id}", ChallengeAsync);
        acme.MapPost("/cert/{id}", CertificateAsync);
        acme.MapPost("/revoke-cert", RevokeAsync);
        acme.MapGet("/renewal-info/{id}", RenewalInfoAsync);
    }

    private static async ValueTask<object?> AcmeFilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var env = http.Request.RouteValues["env"] as string ?? "";
        var urls = services.GetRequiredService<AcmeUrls>();
        http.Response.Headers["Replay-Nonce"] = services.GetRequiredService<NonceLedger>().Issue();
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Append("Link", $"<{urls.Directory(http.Request, env)}>;rel=\"index\"");
        try
        {
            if (!InventoryNames.IsValidEnvironment(env)
                || !(await services.GetRequiredService<EnvironmentCaStore>().GetAsync(env, urls.PkiBase(http.Request),
                    http.RequestAborted)).Succeeded)
            {
                return AcmeResults.Problem(AcmeProblem.NotFound($"There is no environment '{env}'."));
            }

            return await next(context);
        }
        catch (AcmeProblemException e)
        {
            return AcmeResults.Problem(e.Problem);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Still an ACME answer with a fresh nonce, so the client can tell and retry; the cause stays in the log.
            Log.AcmeRequestFailed(services.GetRequiredService<ILoggerFactory>().CreateLogger("Lanyard.Server.Acme"), e, http.Request.Path);
            return AcmeResults.Problem(AcmeProblem.ServerInternal("The request failed inside Lanyard; it may be retried."));
        }
    }

    private static IResult Directory(string env, HttpContext http, AcmeUrls urls)
    {
        var root = urls.Root(http.Request, env);
        return AcmeResults.Json(http,
            new DirectoryView(root + "/new-nonce", root + "/new-account", root + "/new-order", root + "/revoke-cert",
                root + "/key-change", root + "/renewal-info",
                new DirectoryMeta(ExternalAccountRequired: true,
                    Website: root.Replace("/acme/" + env, "", StringComparison.Ordinal))));
    }
}
