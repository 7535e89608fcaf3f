using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Lanyard.Pki.Jose;
using Lanyard.Store.Issuance;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lanyard.Server.OAuth;

/// <summary>
/// Mints RFC 9068 JWT access tokens signed ES256 with the environment's key, and checks them:
/// signature against that environment's keys only, issuer, type, lifetime on the injected clock,
/// revocation, and that the client still exists and is enabled.
/// </summary>
internal sealed class AccessTokenService(SigningKeyStore keys, TokenLedger ledger, WorkloadAuthenticator workloads, TimeProvider time)
{
    public const string TokenType = "at+jwt";
    public const int MaxTokenLength = 8 * 1024;

    /// <summary>
    /// The inventory id of the client secret a token was obtained with, so that revoking the secret
    /// ends its tokens at once. An id, never the secret.
    /// </summary>
    public const string CredentialClaim = "lanyard_credential";

    /// <summary>A token may be used this long before its <c>nbf</c>, for replicas whose clocks run slightly behind.</summary>
    private static readonly TimeSpan NotBeforeSkew = TimeSpan.FromSeconds(60);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The confirmation claim (RFC 7800) and its certificate-thumbprint member (RFC 8705 section 3.1).</summary>
    public const string ConfirmationClaim = "cnf";
    public const string CertificateThumbprintMember = "x5t#S256";

    /// <param name="issuer">The environment's issuer URL.</param>
    /// <param name="caller">The authenticated client.</param>
    /// <param name="audience">The token's one audience.</param>
    /// <param name="scope">The granted scope, if any.</param>
    /// <param name="certificateThumbprint">When set, the token is bound to this client certificate with a <c>cnf</c> claim.</param>
    /// <param name="lifetime">How long the token lives, as the policy decided.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public async Task<(string Token, AccessTokenClaims Claims)> IssueAsync(
        string issuer, WorkloadCaller caller, string audience, string? scope, string? certificateThumbprint, TimeSpan lifetime,
        CancellationToken cancellationToken)
    {
        var (identity, credential, client) = (caller.Identity, caller.Credential, caller.Client!);
        var signing = await keys.GetActiveAsync(client.Environment, cancellationToken);
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now.Add(lifetime);
        var jti = Base64UrlRandom(16);

        var token = CompactJws.SignEs256(signing.Key, signing.Kid, TokenType,
            Payload(issuer, identity.SpiffeId, audience, now, expires, jti, client.ClientId, scope,
                credential?.Id.ToString(), certificateThumbprint));
        return (token, new AccessTokenClaims(client.Environment, issuer, jti, identity.SpiffeId, client.ClientId, [audience],
            scope, now, expires) { Identity = identity, CertificateThumbprint = certificateThumbprint });
    }

    /// <summary>The RFC 9068 section 2.2 claims, written straight to UTF-8 JSON.</summary>
    private static ReadOnlySpan<byte> Payload(
        string issuer, string subject, string audience, DateTimeOffset now, DateTimeOffset expires, string jti, string clientId,
        string? scope, string? credentialId, string? certificateThumbprint)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteString(JwtRegisteredClaimNames.Iss, issuer);
        json.WriteString(JwtRegisteredClaimNames.Sub, subject);
        json.WriteString(JwtRegisteredClaimNames.Aud, audience);
        json.WriteNumber(JwtRegisteredClaimNames.Exp, expires.ToUnixTimeSeconds());
        json.WriteNumber(JwtRegisteredClaimNames.Nbf, now.ToUnixTimeSeconds());
        json.WriteNumber(JwtRegisteredClaimNames.Iat, now.ToUnixTimeSeconds());
        json.WriteString(JwtRegisteredClaimNames.Jti, jti);
        json.WriteString("client_id", clientId);
        if (scope is not null)
        {
            json.WriteString("scope", scope);
        }

        if (credentialId is not null)
        {
            json.WriteString(CredentialClaim, credentialId);
        }

        if (certificateThumbprint is not null)
        {
            json.WriteStartObject(ConfirmationClaim);
            json.WriteString(CertificateThumbprintMember, certificateThumbprint);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan;
    }

    /// <summary>Checks a token presented to <paramref name="environment"/>'s issuer.</summary>
    public async Task<AccessTokenCheck> CheckAsync(
        string token, string environment, string issuer, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength || !_handler.CanReadToken(token))
        {
            return AccessTokenCheck.Refused("the token is not a JWT");
        }

        if (TryRead(_handler, token) is not { } unverified)
        {
            return AccessTokenCheck.Refused("the token is not a JWT");
        }

        var published = await keys.GetPublishedAsync(environment, cancellationToken: cancellationToken);
        if (!published.Any(k => k.Kid == unverified.Kid))
        {
            published = await keys.GetPublishedAsync(environment, refresh: true, cancellationToken);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidTypes = [TokenType],
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            IssuerSigningKeys = published.Select(k => (SecurityKey)new JsonWebKey(k.PublicJwk)).ToList(),
            TryAllIssuerSigningKeys = false,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return AccessTokenCheck.Refused("the token's signature, issuer or type does not hold for this environment");
        }

        return await CheckClaimsAsync(jwt, environment, issuer, cancellationToken);
    }

    private async Task<AccessTokenCheck> CheckClaimsAsync(
        JsonWebToken jwt, string environment, string issuer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp)
            || !jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Jti, out var jti)
            || !jwt.TryGetPayloadValue<string>("client_id", out var clientId)
            || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var iat))
        {
            return AccessTokenCheck.Refused("the token lacks exp, iat, jti or client_id");
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (expires <= now)
        {
            return AccessTokenCheck.Refused("the token has expired");
        }

        if (jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf)
            && DateTimeOffset.FromUnixTimeSeconds(nbf) > now + NotBeforeSkew)
        {
            return AccessTokenCheck.Refused("the token is not valid yet");
        }

        if (await ledger.IsRevokedAsync(jti, cancellationToken))
        {
            return AccessTokenCheck.Refused("the token was revoked");
        }

        if (jwt.TryGetPayloadValue<string>(CredentialClaim, out var credentialId)
            && await workloads.CheckTokenCredentialAsync(credentialId, cancellationToken) is { } withdrawn)
        {
            return AccessTokenCheck.Refused(withdrawn);
        }

        var client = await workloads.FindClientAsync(environment, clientId, cancellationToken);
        if (!client.Succeeded)
        {
            return AccessTokenCheck.Refused(client.Problem!.Detail);
        }

        if (jwt.Subject != client.Value.Identity.SpiffeId)
        {
            return AccessTokenCheck.Refused("the token's subject is no longer the client's identity");
        }

        jwt.TryGetPayloadValue<string>("scope", out var scope);
        var claims = new AccessTokenClaims(environment, issuer, jti, jwt.Subject, clientId, jwt.Audiences.ToList(), scope,
            DateTimeOffset.FromUnixTimeSeconds(iat), expires)
        {
            Identity = client.Value.Identity,
            CertificateThumbprint = ReadCertificateThumbprint(jwt),
        };
        return new AccessTokenCheck(claims, null);
    }

    private static string? ReadCertificateThumbprint(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<System.Text.Json.JsonElement>(ConfirmationClaim, out var cnf)
        && cnf.ValueKind == System.Text.Json.JsonValueKind.Object
        && cnf.TryGetProperty(CertificateThumbprintMember, out var thumbprint)
        && thumbprint.ValueKind == System.Text.Json.JsonValueKind.String
            ? thumbprint.GetString()
            : null;

    /// <summary>Reads a JWT without checking it; null when its header or payload is not JSON.</summary>
    internal static JsonWebToken? TryRead(JsonWebTokenHandler handler, string token)
    {
        try
        {
            return handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Base64UrlRandom(int bytes) => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
