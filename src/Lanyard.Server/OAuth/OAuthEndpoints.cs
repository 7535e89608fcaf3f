using Lanyard.Store.Issuance;

namespace Lanyard.Server.OAuth;

/// <summary>
/// Each environment's OAuth2 authorization server for workloads: the client-credentials token
/// endpoint (RFC 6749 section 4.4), metadata (RFC 8414), JWKS, introspection (RFC 7662) and
/// revocation (RFC 7009).
/// </summary>
internal static class OAuthEndpoints
{
    public const string ClientCredentials = "client_credentials";

    public static void MapOAuth(this WebApplication app)
    {
        app.MapGet("/.well-known/oauth-authorization-server/oauth2/{env}", MetadataAsync).WithTags("OAuth2").AllowAnonymous()
            .AddEndpointFilter<Auth.AccessFilter>();
        var group = app.MapGroup("/oauth2/{env}").WithTags("OAuth2").AllowAnonymous().AddEndpointFilter<Auth.AccessFilter>();
        group.MapGet("/jwks", JwksAsync);
        group.MapPost("/token", (string env, HttpContext http, OAuthServer server) => server.TokenAsync(env, http));
        group.MapPost("/introspect", (string env, HttpContext http, OAuthServer server) => server.IntrospectAsync(env, http));
        group.MapPost("/revoke", (string env, HttpContext http, OAuthServer server) => server.RevokeAsync(env, http));
    }

    private static async Task<IResult> MetadataAsync(string env, HttpRequest request, OAuthServer server, IssuerUrls urls)
    {
        if (await server.UnknownEnvironmentAsync(env, request.HttpContext.RequestAborted) is { } missing)
        {
            return missing;
        }

        var issuer = urls.Issuer(request, env);
        string[] authMethods =
        [
            ClientAuthenticator.SecretBasic, ClientAuthenticator.SecretPost, ClientAuthenticator.PrivateKeyJwt,
            ClientAuthenticator.TlsClientAuth,
            ClientAuthenticator.SelfSignedTlsClientAuth,
        ];
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["token_endpoint"] = issuer + "/token",
            ["jwks_uri"] = issuer + "/jwks",
            ["introspection_endpoint"] = issuer + "/introspect",
            ["revocation_endpoint"] = issuer + "/revoke",
            ["grant_types_supported"] = new[] { ClientCredentials },
            ["response_types_supported"] = Array.Empty<string>(),
            ["token_endpoint_auth_methods_supported"] = authMethods,
            ["token_endpoint_auth_signing_alg_values_supported"] = ClientAssertionValidator.AllowedAlgorithms,
            ["introspection_endpoint_auth_methods_supported"] = authMethods,
            ["revocation_endpoint_auth_methods_supported"] = authMethods,
            ["revocation_endpoint_auth_signing_alg_values_supported"] = ClientAssertionValidator.AllowedAlgorithms,
            ["introspection_endpoint_auth_signing_alg_values_supported"] = ClientAssertionValidator.AllowedAlgorithms,
            ["tls_client_certificate_bound_access_tokens"] = true,
        });
    }

    private static async Task<IResult> JwksAsync(string env, HttpContext http, OAuthServer server, SigningKeyStore keys)
    {
        if (await server.UnknownEnvironmentAsync(env, http.RequestAborted) is { } missing)
        {
            return missing;
        }

        // A fresh environment publishes its key before the first token is signed with it.
        await keys.GetActiveAsync(env, http.RequestAborted);
        var published = await keys.GetPublishedAsync(env, cancellationToken: http.RequestAborted);
        http.Response.Headers.CacheControl = "public, max-age=300";
        var body = "{\"keys\":[" + string.Join(',', published.Select(k => k.PublicJwk)) + "]}";
        return Results.Text(body, "application/jwk-set+json");
    }
}
