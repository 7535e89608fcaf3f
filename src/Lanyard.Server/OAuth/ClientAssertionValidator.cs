using Lanyard.Store.Issuance;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lanyard.Server.OAuth;

/// <summary>The client a <c>private_key_jwt</c> assertion proved, or the error to answer with.</summary>
internal sealed record CheckedAssertion(WorkloadCaller? Caller, OAuthError? Error, string? ClientId);

/// <summary>
/// Checks <c>private_key_jwt</c> client assertions (RFC 7523 section 3): an asymmetric algorithm
/// from the allow-list, a key from the client's registered JWKS, <c>iss</c> and <c>sub</c> equal
/// to the client id, this server as audience, a short unexpired lifetime, and a <c>jti</c> never
/// seen before. <c>none</c> and HMAC algorithms are refused before any key is looked at, so a
/// public key can never be used as an HMAC secret.
/// </summary>
internal sealed class ClientAssertionValidator(WorkloadAuthenticator workloads, TokenLedger ledger, TimeProvider time)
{
    public static readonly IReadOnlyList<string> AllowedAlgorithms =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    /// <summary>An assertion may live at most this long; it bounds how long its jti must be remembered.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);

    private readonly JsonWebTokenHandler _handler = new();

    public async Task<CheckedAssertion> ValidateAsync(
        string assertion, string? formClientId, string environment, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        if (assertion.Length > AccessTokenService.MaxTokenLength || !_handler.CanReadToken(assertion))
        {
            return Refuse("The client assertion is not a JWT.", formClientId);
        }

        if (AccessTokenService.TryRead(_handler, assertion) is not { } unverified)
        {
            return Refuse("The client assertion is not a JWT.", formClientId);
        }

        if (!AllowedAlgorithms.Contains(unverified.Alg))
        {
            return Refuse($"The client assertion's algorithm '{unverified.Alg}' is not allowed; use an asymmetric one "
                + "such as ES256.", formClientId);
        }

        var clientId = unverified.Issuer;
        if (string.IsNullOrEmpty(clientId) || unverified.Subject != clientId || (formClientId is not null && formClientId != clientId))
        {
            return Refuse("The client assertion's iss and sub must both be the client id.", formClientId ?? clientId);
        }

        var found = await workloads.FindClientAsync(environment, clientId, cancellationToken);
        if (!found.Succeeded)
        {
            return Refuse("Client authentication failed.", clientId, found.Problem!.Detail);
        }

        var (client, identity) = found.Value;
        if (client.Jwks is null)
        {
            return Refuse("Client authentication failed.", clientId, "the client has no registered keys for private_key_jwt");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = clientId,
            ValidAudiences = audiences,
            ValidAlgorithms = AllowedAlgorithms,
            IssuerSigningKeys = new JsonWebKeySet(client.Jwks).GetSigningKeys(),
            ValidateLifetime = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };
        var result = await _handler.ValidateTokenAsync(assertion, parameters);
        if (!result.IsValid)
        {
            return Refuse("Client authentication failed.", clientId, "the client assertion's signature or audience does not hold");
        }

        return await CheckLifetimeAndSpendAsync(unverified, clientId, new WorkloadCaller(identity, null, client), cancellationToken);
    }

    private async Task<CheckedAssertion> CheckLifetimeAndSpendAsync(
        JsonWebToken assertion, string clientId, WorkloadCaller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!assertion.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp))
        {
            return Refuse("The client assertion has no exp.", clientId);
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (expires <= now - Skew)
        {
            return Refuse("The client assertion has expired.", clientId);
        }

        if (expires > now + MaxLifetime + Skew)
        {
            return Refuse($"The client assertion lives longer than {MaxLifetime.TotalMinutes} minutes.", clientId);
        }

        if (assertion.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf)
            && DateTimeOffset.FromUnixTimeSeconds(nbf) > now + Skew)
        {
            return Refuse("The client assertion is not valid yet.", clientId);
        }

        if (string.IsNullOrEmpty(assertion.Id) || assertion.Id.Length > 256)
        {
            return Refuse("The client assertion needs a jti of at most 256 characters.", clientId);
        }

        if (!await ledger.TrySpendAssertionAsync(clientId, assertion.Id, expires + Skew, cancellationToken))
        {
            return Refuse("The client assertion was used before.", clientId, "replayed client assertion (jti seen before)");
        }

        return new CheckedAssertion(caller, null, clientId);
    }

    private static CheckedAssertion Refuse(string description, string? clientId, string? reason = null) =>
        new(null, OAuthError.Client(description) with { Reason = reason }, clientId);
}
