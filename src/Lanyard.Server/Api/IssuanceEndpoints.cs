using System.Security.Claims;
using System.Text.Json;
using Lanyard.Core;
using Lanyard.Core.Inventory;
using Lanyard.Server.Auth;
using Lanyard.Server.OAuth;
using Lanyard.Store.Inventory;
using Lanyard.Store.Issuance;
using Lanyard.Store.Lifecycle;
using Microsoft.IdentityModel.Tokens;

namespace Lanyard.Server.Api;

/// <summary>Issuing API keys and OAuth2 clients, revoking credentials, and <c>whoami</c>.</summary>
internal static class IssuanceEndpoints
{
    private const int MaxJwksLength = 32 * 1024;
    private const int MaxJwksKeys = 8;

    public static void MapIssuance(this RouteGroupBuilder v1)
    {
        var identities = v1.MapGroup("/identities").WithTags("Identities");
        identities.MapPost("/{id:guid}/apikeys", IssueApiKeyAsync);
        identities.MapPost("/{id:guid}/clients", CreateClientAsync);
        v1.MapPost("/credentials/{id:guid}/revoke", RevokeAsync).WithTags("Credentials");
        v1.MapPost("/credentials/{id:guid}/rotate", RotateAsync).WithTags("Credentials");
    }

    /// <summary><c>GET /v1/whoami</c>: open to every authenticated caller, workloads included.</summary>
    public static void MapWhoami(this RouteGroupBuilder v1) =>
        v1.MapGet("/whoami", (ClaimsPrincipal user) => Results.Ok(Whoami(user))).WithTags("Identities");

    private static async Task<IResult> IssueApiKeyAsync(
        Guid id, IssueApiKeyRequest? body, HttpContext http, CredentialIssuer issuer, InventoryService inventory, CancellationToken ct)
    {
        var ttl = ReadTtl(body?.Ttl);
        if (!ttl.Succeeded)
        {
            return Problems.From(ttl.Problem!);
        }

        var issued = await issuer.IssueApiKeyAsync(new IdentityId(id), ttl.Value, http.User.ToActor(), ct);
        var owners = await inventory.OwnerNamesAsync(ct);
        return issued.ToResult(i => Results.Created($"/v1/credentials/{i.Credential.Id}",
            new IssuedApiKeyView(i.Secret, CredentialView.From(i.Credential, owners))));
    }

    private static async Task<IResult> CreateClientAsync(
        Guid id, CreateClientRequest body, HttpContext http, CredentialIssuer issuer, InventoryService inventory, IssuerUrls urls,
        TimeProvider time, CancellationToken ct)
    {
        var ttl = ReadTtl(body.Ttl);
        var jwks = ReadJwks(body.Jwks);
        var method = ReadAuthMethod(body.TokenEndpointAuthMethod, body.Jwks);
        var certificate = method.Succeeded
            ? SelfSignedClientCertificate.Read(method.Value!, body.Certificate, time.GetUtcNow())
            : Result<string?>.Ok(null);
        if ((ttl.Problem ?? jwks.Problem ?? method.Problem ?? certificate.Problem) is { } invalid)
        {
            return Problems.From(invalid);
        }

        var draft = new ClientDraft(new IdentityId(id))
        {
            Scopes = body.Scopes ?? [],
            AccessTokenMinutes = body.AccessTokenMinutes,
            SecretLifetime = ttl.Value,
            Jwks = jwks.Value,
            TlsClientAuth = method.Value == ClientAuthenticator.TlsClientAuth,
            SelfSignedCertificateThumbprint = certificate.Value,
        };
        var created = await issuer.CreateClientAsync(draft, http.User.ToActor(), ct);
        var owners = await inventory.OwnerNamesAsync(ct);
        return created.ToResult(c => Results.Created(
            c.SecretCredential is null ? null : $"/v1/credentials/{c.SecretCredential.Id}",
            new IssuedClientView(
                c.Client.ClientId, c.Secret, c.Client.Environment, urls.Issuer(http.Request, c.Client.Environment),
                urls.TokenEndpoint(http.Request, c.Client.Environment), c.Client.Scopes, c.Client.AccessTokenMinutes,
                c.Client.Jwks is not null, c.SecretCredential is null ? null : CredentialView.From(c.SecretCredential, owners))
            {
                TokenEndpointAuthMethod = method.Value!,
                TlsClientAuthSanUri = c.Client.TlsClientAuthSanUri,
                SelfSignedCertificateThumbprint = c.Client.SelfSignedCertificateThumbprint,
            }));
    }

    /// <summary>The registered method; <c>private_key_jwt</c> needs keys, and only it may come with them.</summary>
    private static Result<string> ReadAuthMethod(string? method, JsonElement? jwks)
    {
        var hasKeys = jwks is { ValueKind: not JsonValueKind.Null };
        method ??= hasKeys ? ClientAuthenticator.PrivateKeyJwt : ClientAuthenticator.SecretBasic;
        string[] known =
        [
            ClientAuthenticator.SecretBasic, ClientAuthenticator.SecretPost, ClientAuthenticator.PrivateKeyJwt,
            ClientAuthenticator.TlsClientAuth,
            ClientAuthenticator.SelfSignedTlsClientAuth,
        ];
        if (!known.Contains(method, StringComparer.Ordinal))
        {
            return Problem.Invalid("tokenEndpointAuthMethod",
                $"'{method}' is not a client authentication method; use one of {string.Join(", ", known)}.");
        }

        if (method == ClientAuthenticator.PrivateKeyJwt && !hasKeys)
        {
            return Problem.Invalid("jwks", "private_key_jwt needs the client's public keys in jwks.");
        }

        if (method is ClientAuthenticator.TlsClientAuth or ClientAuthenticator.SelfSignedTlsClientAuth && hasKeys)
        {
            return Problem.Invalid("jwks", $"A {method} client proves itself with its certificate alone; it registers no keys.");
        }

        return method;
    }

    private static async Task<IResult> RevokeAsync(
        Guid id, RevokeCredentialRequest? body, HttpContext http, CredentialIssuer issuer, InventoryService inventory, CancellationToken ct)
    {
        var revoked = await issuer.RevokeAsync(new CredentialId(id), body?.Reason, http.User.ToActor(), ct);
        var owners = await inventory.OwnerNamesAsync(ct);
        return revoked.ToResult(c => Results.Ok(CredentialView.From(c, owners)));
    }

    private static async Task<IResult> RotateAsync(
        Guid id, RotateCredentialRequest? body, HttpContext http, CredentialRotator rotator, InventoryService inventory,
        CancellationToken ct)
    {
        TimeSpan? overlap = null;
        if (body?.Overlap is { } text)
        {
            if (text.Trim() is "0" or "0s" or "0m" or "0h" or "0d")
            {
                overlap = TimeSpan.Zero;
            }
            else if (Durations.TryParse(text, out var parsed))
            {
                overlap = parsed;
            }
            else
            {
                return Problems.From(Problem.Invalid("overlap", $"'{text}' is not an overlap window; write it such as 0, 12h or 2d."));
            }
        }

        var rotated = await rotator.RotateAsync(new CredentialId(id), overlap, http.User.ToActor(), ct);
        var owners = await inventory.OwnerNamesAsync(ct);
        return rotated.ToResult(r => Results.Ok(new RotatedCredentialView(
            r.Secret, CredentialView.From(r.Successor, owners), CredentialView.From(r.Predecessor, owners))));
    }

    private static WhoamiView Whoami(ClaimsPrincipal user)
    {
        string? Claim(string type) => user.FindFirstValue(type);
        var expires = Claim(LanyardClaims.ExpiresAt) is { } text
            ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : (DateTimeOffset?)null;
        var credential = new WhoamiCredential(Claim(LanyardClaims.CredentialKind)!, Claim(LanyardClaims.CredentialId)!, expires,
            Claim(LanyardClaims.ClientId), Claim(LanyardClaims.Scope));
        var identity = Claim(LanyardClaims.SpiffeId) is { } spiffeId
            ? new WhoamiIdentity(Guid.Parse(Claim(ClaimTypes.NameIdentifier)!), Claim(LanyardClaims.IdentityName)!, spiffeId)
            : null;
        return new WhoamiView(user.Identity!.Name!, Claim(ClaimTypes.Role)!, Claim(LanyardClaims.Environment), identity, credential);
    }

    private static Result<TimeSpan?> ReadTtl(string? text)
    {
        if (text is null)
        {
            return (TimeSpan?)null;
        }

        return Durations.TryParse(text, out var ttl)
            ? ttl
            : Problem.Invalid("ttl", $"'{text}' is not a lifetime; write it as a number and a unit, such as 90s, 15m, 12h, 30d or 2w.");
    }

    /// <summary>
    /// A client's <c>private_key_jwt</c> keys: public EC (P-256, P-384, P-521) or RSA (2048 bits or
    /// more) keys only. A private or symmetric key here would be a secret stored in the clear.
    /// </summary>
    private static Result<string?> ReadJwks(JsonElement? jwks)
    {
        if (jwks is not { ValueKind: JsonValueKind.Object } value)
        {
            return jwks is null or { ValueKind: JsonValueKind.Null } ? (string?)null
                : Problem.Invalid("jwks", "jwks must be a JSON Web Key Set object.");
        }

        var text = value.GetRawText();
        if (text.Length > MaxJwksLength)
        {
            return Problem.Invalid("jwks", $"The key set is larger than {MaxJwksLength} characters.");
        }

        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(text) { SkipUnresolvedJsonWebKeys = false };
        }
        catch (ArgumentException)
        {
            return Problem.Invalid("jwks", "jwks is not a JSON Web Key Set.");
        }

        if (set.Keys.Count is 0 or > MaxJwksKeys)
        {
            return Problem.Invalid("jwks.keys", $"A client registers between 1 and {MaxJwksKeys} keys.");
        }

        for (var i = 0; i < set.Keys.Count; i++)
        {
            if (CheckClientKey(set.Keys[i]) is { } reason)
            {
                return Problem.Invalid($"jwks.keys[{i}]", reason);
            }
        }

        return text;
    }

    private static string? CheckClientKey(JsonWebKey key)
    {
        if (key.HasPrivateKey || !string.IsNullOrEmpty(key.K))
        {
            return "Register public keys only: the key holds private or symmetric material.";
        }

        return key.Kty switch
        {
            JsonWebAlgorithmsKeyTypes.EllipticCurve when key.Crv is "P-256" or "P-384" or "P-521" => null,
            JsonWebAlgorithmsKeyTypes.RSA when Base64UrlEncoder.DecodeBytes(key.N ?? "").Length >= 256 => null,
            JsonWebAlgorithmsKeyTypes.RSA => "RSA keys must have at least 2048 bits.",
            JsonWebAlgorithmsKeyTypes.EllipticCurve => key.Crv is null
                ? "The EC key names no curve ('crv'); use P-256, P-384 or P-521."
                : $"The EC key is on curve '{key.Crv}'; use P-256, P-384 or P-521.",
            _ => $"Key type '{key.Kty}' is not accepted; use EC (P-256, P-384, P-521) or RSA.",
        };
    }
}
