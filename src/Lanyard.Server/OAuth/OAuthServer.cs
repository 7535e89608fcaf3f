using Lanyard.Core.OAuth;
using Lanyard.Core.Policy;
using Lanyard.Server.Api;
using Lanyard.Store.Audit;
using Lanyard.Store.Inventory;
using Lanyard.Store.Issuance;
using Lanyard.Store.Policy;

namespace Lanyard.Server.OAuth;

/// <summary>The token, introspection and revocation requests, step by step; every refusal is audited.</summary>
internal sealed class OAuthServer(
    InventoryService inventory, IssuerUrls urls, ClientAuthenticator clients, AccessTokenService tokens, TokenLedger ledger,
    PolicyStore policies, TimeProvider time, ILogger<OAuthServer> logger)
{
    /// <summary>RFC 6749 section 4.4.2 and 4.4.3.</summary>
    /// <remarks>
    /// The environment is looked up only on the way to a refusal: a client that authenticates is
    /// a client of <paramref name="env"/>, and a client keeps its environment from being deleted,
    /// so a token issued proves the environment exists without a read of its own.
    /// </remarks>
    public async Task<IResult> TokenAsync(string env, HttpContext http)
    {
        var ct = http.RequestAborted;
        var issuer = urls.Issuer(http.Request, env);
        var (form, formError) = await OAuthForm.ReadAsync(http.Request, ct);
        if (form is null)
        {
            return await RefuseTokenAsync(http, env, null, "none", formError!);
        }

        var grantType = form["grant_type"];
        if (grantType != OAuthEndpoints.ClientCredentials)
        {
            var error = grantType is null
                ? OAuthError.Request("grant_type is missing.")
                : new OAuthError(OAuthError.UnsupportedGrantType,
                    $"This server issues tokens only for the {OAuthEndpoints.ClientCredentials} grant.");
            return await RefuseTokenAsync(http, env, form["client_id"], "none", error);
        }

        var auth = await clients.AuthenticateAsync(http.Request, form, env, [issuer + "/token", issuer], ct);
        if (auth.Caller?.Client is not { } client)
        {
            return await RefuseTokenAsync(http, env, auth.ClientId, auth.Method, auth.Error!);
        }

        var policy = await policies.PolicyAsync(env, ct);
        var scope = GrantScope(form["scope"], client, policy, auth.Caller.Identity.Name);
        var audience = form["resource"] ?? issuer;
        if ((scope.Error ?? CheckResource(form["resource"])) is { } refused)
        {
            return await RefuseTokenAsync(http, env, client.ClientId, auth.Method, refused);
        }

        var decision = PolicyEvaluator.Evaluate(policy, new IssuanceRequest(
            PolicyCredentialKind.AccessToken, auth.Caller.Identity.Name, TimeSpan.FromMinutes(client.AccessTokenMinutes))
        {
            HasOwner = auth.Caller.Identity.OwnerId is not null,
            Scopes = scope.Granted?.Split(' ') ?? [],
        });
        if (decision.Refusal is { } refusal)
        {
            var code = refusal.Rule == "identities.scopes" ? OAuthError.InvalidScope : OAuthError.InvalidRequest;
            return await RefuseAsync(http, "oauth.token", env, client.ClientId, auth.Method, new OAuthError(code, refusal.Detail));
        }

        var (token, claims) = await tokens.IssueAsync(issuer, auth.Caller, audience, scope.Granted,
            auth.CertificateThumbprint, decision.Lifetime, ct);
        Log.AccessTokenIssued(logger, claims.Jti, client.ClientId, env, claims.ExpiresAt);
        await OAuthAudit.SucceededAsync(inventory, http, "oauth.token", env, client.ClientId, new Dictionary<string, object?>
        {
            ["jti"] = claims.Jti, ["scope"] = claims.Scope, ["audience"] = audience, ["method"] = auth.Method,
            ["identity"] = auth.Caller.Identity.Id.ToString(), ["expiresAt"] = claims.ExpiresAt,
            ["certificateThumbprint"] = claims.CertificateThumbprint,
        });

        NoStore(http);
        var body = new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)(claims.ExpiresAt - claims.IssuedAt).TotalSeconds,
        };
        if (claims.Scope is not null)
        {
            body["scope"] = claims.Scope;
        }

        return Results.Json(body);
    }

    /// <summary>RFC 7662: any authenticated client of the environment may ask about a token.</summary>
    public async Task<IResult> IntrospectAsync(string env, HttpContext http)
    {
        var ct = http.RequestAborted;
        var issuer = urls.Issuer(http.Request, env);
        var (form, auth, refused) = await AuthenticateAsync(env, issuer, http, "oauth.introspect");
        if (refused is not null)
        {
            return refused;
        }

        if (form!["token"] is not { } token)
        {
            return await RefuseAsync(http, "oauth.introspect", env, auth!.ClientId, auth.Method, OAuthError.Request("token is missing."));
        }

        NoStore(http);
        var check = await tokens.CheckAsync(token, env, issuer, ct);
        if (check.Claims is not { } claims)
        {
            return Results.Json(new Dictionary<string, object> { ["active"] = false });
        }

        var body = new Dictionary<string, object>
        {
            ["active"] = true,
            ["token_type"] = "Bearer",
            ["client_id"] = claims.ClientId,
            ["sub"] = claims.Subject,
            ["iss"] = claims.Issuer,
            ["aud"] = claims.Audiences.Count == 1 ? claims.Audiences[0] : claims.Audiences,
            ["exp"] = claims.ExpiresAt.ToUnixTimeSeconds(),
            ["iat"] = claims.IssuedAt.ToUnixTimeSeconds(),
            ["jti"] = claims.Jti,
        };
        if (claims.Scope is not null)
        {
            body["scope"] = claims.Scope;
        }

        if (claims.CertificateThumbprint is not null)
        {
            body[AccessTokenService.ConfirmationClaim] = new Dictionary<string, string>
            {
                [AccessTokenService.CertificateThumbprintMember] = claims.CertificateThumbprint,
            };
        }

        return Results.Json(body);
    }

    /// <summary>RFC 7009: a client revokes one of its own tokens; an unknown or inactive token is not an error.</summary>
    public async Task<IResult> RevokeAsync(string env, HttpContext http)
    {
        var ct = http.RequestAborted;
        var issuer = urls.Issuer(http.Request, env);
        var (form, auth, refused) = await AuthenticateAsync(env, issuer, http, "oauth.revoke");
        if (refused is not null)
        {
            return refused;
        }

        if (form!["token"] is not { } token)
        {
            return await RefuseAsync(http, "oauth.revoke", env, auth!.ClientId, auth.Method, OAuthError.Request("token is missing."));
        }

        var check = await tokens.CheckAsync(token, env, issuer, ct);
        if (check.Claims is { } claims)
        {
            if (claims.ClientId != auth!.ClientId)
            {
                return await RefuseAsync(http, "oauth.revoke", env, auth.ClientId, auth.Method,
                    new OAuthError(OAuthError.UnauthorizedClient, "A client may revoke only tokens issued to it."));
            }

            var revoked = new RevokedToken
            {
                Jti = claims.Jti, Environment = env, ClientId = claims.ClientId, ExpiresAt = claims.ExpiresAt,
                RevokedAt = time.GetUtcNow(),
            };
            await ledger.RevokeAsync(revoked, new Actor(auth.ClientId!, Core.Access.Role.Workload), ct);
        }

        NoStore(http);
        return Results.Ok();
    }

    private async Task<(OAuthForm? Form, ClientAuthentication? Auth, IResult? Refused)> AuthenticateAsync(
        string env, string issuer, HttpContext http, string action)
    {
        var ct = http.RequestAborted;
        if (await UnknownEnvironmentAsync(env, ct) is { } missing)
        {
            return (null, null, missing);
        }

        var (form, formError) = await OAuthForm.ReadAsync(http.Request, ct);
        if (form is null)
        {
            return (null, null, await RefuseAsync(http, action, env, null, "none", formError!));
        }

        var auth = await clients.AuthenticateAsync(http.Request, form, env, [issuer + "/token", issuer], ct);
        return auth.Error is { } error
            ? (null, null, await RefuseAsync(http, action, env, auth.ClientId, auth.Method, error))
            : (form, auth, null);
    }

    /// <summary>
    /// RFC 6749 section 3.3: the requested scopes must all be the client's; none requested grants
    /// all of them that the environment's policy still lets the identity receive.
    /// </summary>
    private static (string? Granted, OAuthError? Error) GrantScope(
        string? requested, OAuthClient client, EnvironmentPolicy? policy, string identityName)
    {
        if (requested is null)
        {
            var allowed = PolicyEvaluator.AllowedScopes(policy, identityName, client.Scopes);
            return (allowed.Count == 0 ? null : string.Join(' ', allowed), null);
        }

        var asked = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var unknown = asked.Where(s => !client.Scopes.Contains(s, StringComparer.Ordinal)).ToList();
        return unknown.Count > 0 || asked.Count == 0
            ? (null, new OAuthError(OAuthError.InvalidScope, $"The client may not ask for: {string.Join(' ', unknown)}."))
            : (string.Join(' ', asked), null);
    }

    /// <summary>RFC 8707 section 2: a resource is an absolute URI without a fragment.</summary>
    private static OAuthError? CheckResource(string? resource) =>
        resource is null || (Uri.TryCreate(resource, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.Fragment))
            ? null
            : new OAuthError(OAuthError.InvalidTarget, "resource must be an absolute URI without a fragment.");

    /// <summary>A refused token request: 404 when the environment does not exist, else the OAuth2 error.</summary>
    private async Task<IResult> RefuseTokenAsync(HttpContext http, string env, string? clientId, string method, OAuthError error) =>
        await UnknownEnvironmentAsync(env, http.RequestAborted)
        ?? await RefuseAsync(http, "oauth.token", env, clientId, method, error);

    private async Task<IResult> RefuseAsync(
        HttpContext http, string action, string env, string? clientId, string method, OAuthError error)
    {
        Log.OAuthRefused(logger, action, env, clientId, error.Code, error.AuditReason);
        await OAuthAudit.RefusedAsync(inventory, http, action, env, clientId, method, error);
        return error.ToResult($"lanyard {env}");
    }

    /// <summary>A 404 problem for an environment that does not exist; null when it does.</summary>
    public async Task<IResult?> UnknownEnvironmentAsync(string env, CancellationToken ct)
    {
        var found = await inventory.GetEnvironmentAsync(env, ct);
        return found.Succeeded ? null : Problems.From(found.Problem!);
    }

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
    }
}
