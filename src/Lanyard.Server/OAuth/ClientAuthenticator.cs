using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lanyard.Store.Issuance;

namespace Lanyard.Server.OAuth;

/// <summary>The client a request authenticated as, or the error to answer with.</summary>
internal sealed record ClientAuthentication(WorkloadCaller? Caller, OAuthError? Error, string? ClientId, string Method)
{
    /// <summary>
    /// The base64url SHA-256 of the DER certificate a <c>tls_client_auth</c> client proved itself
    /// with, for the <c>cnf</c> claim (RFC 8705 section 3.1); null for every other method.
    /// </summary>
    public string? CertificateThumbprint { get; init; }
}

/// <summary>
/// Client authentication at the token, introspection and revocation endpoints:
/// <c>client_secret_basic</c>, <c>client_secret_post</c> (RFC 6749 section 2.3.1),
/// <c>private_key_jwt</c> (RFC 7523), and <c>tls_client_auth</c> and
/// <c>self_signed_tls_client_auth</c> (RFC 8705 section 2), where the client names itself with
/// <c>client_id</c> and proves it with the certificate it presented in the TLS handshake: its
/// X.509-SVID, or the self-signed certificate it registered. A request that uses more than one of
/// the first three is refused; a certificate beside a secret or an assertion is not used for
/// authentication.
/// </summary>
internal sealed class ClientAuthenticator(
    WorkloadAuthenticator workloads, ClientAssertionValidator assertions, ClientCertificateAuthenticator certificates, IssuerUrls urls)
{
    public const string SecretBasic = "client_secret_basic";
    public const string SecretPost = "client_secret_post";
    public const string PrivateKeyJwt = "private_key_jwt";
    public const string TlsClientAuth = "tls_client_auth";
    public const string SelfSignedTlsClientAuth = "self_signed_tls_client_auth";
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public async Task<ClientAuthentication> AuthenticateAsync(
        HttpRequest request, OAuthForm form, string environment, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        string? header = request.Headers.Authorization;
        var hasBasic = header is not null && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        var hasPost = form["client_secret"] is not null;
        var hasAssertion = form["client_assertion"] is not null || form["client_assertion_type"] is not null;
        var address = request.HttpContext.Connection.RemoteIpAddress?.ToString();

        if ((hasBasic ? 1 : 0) + (hasPost ? 1 : 0) + (hasAssertion ? 1 : 0) > 1)
        {
            return Fail(OAuthError.Request("The request uses more than one client authentication method."), form["client_id"], "multiple");
        }

        if (hasBasic)
        {
            if (!TryReadBasic(header!, out var id, out var secret))
            {
                return Fail(OAuthError.Client("The Basic credentials are malformed."), null, SecretBasic);
            }

            if (form["client_id"] is { } bodyId && bodyId != id)
            {
                return Fail(OAuthError.Request("client_id in the body differs from the one in the Authorization header."), id, SecretBasic);
            }

            return From(await workloads.AuthenticateClientSecretAsync(environment, id, secret, address,
                cancellationToken), id, SecretBasic);
        }

        if (hasPost)
        {
            if (form["client_id"] is not { } id)
            {
                return Fail(OAuthError.Client("client_secret needs client_id."), null, SecretPost);
            }

            return From(await workloads.AuthenticateClientSecretAsync(environment, id, form["client_secret"]!, address,
                cancellationToken), id, SecretPost);
        }

        if (hasAssertion)
        {
            if (form["client_assertion_type"] != JwtBearerAssertionType || form["client_assertion"] is not { } assertion)
            {
                return Fail(OAuthError.Request($"client_assertion_type must be {JwtBearerAssertionType}, with a "
                    + "client_assertion."), form["client_id"], PrivateKeyJwt);
            }

            var checkedAssertion = await assertions.ValidateAsync(assertion, form["client_id"], environment, audiences, cancellationToken);
            return checkedAssertion.Error is { } error
                ? Fail(error, checkedAssertion.ClientId, PrivateKeyJwt)
                : new ClientAuthentication(checkedAssertion.Caller, null, checkedAssertion.ClientId, PrivateKeyJwt);
        }

        if (request.HttpContext.Connection.ClientCertificate is { } certificate)
        {
            return await AuthenticateCertificateAsync(request, form["client_id"], environment, certificate, address, cancellationToken);
        }

        return Fail(OAuthError.Client("The client did not authenticate."), form["client_id"], "none");
    }

    /// <summary>The SHA-256 thumbprint of a certificate's DER encoding, base64url, as <c>x5t#S256</c> writes it.</summary>
    public static string Thumbprint(X509Certificate2 certificate) => ClientCertificateAuthenticator.Thumbprint(certificate);

    private async Task<ClientAuthentication> AuthenticateCertificateAsync(
        HttpRequest request, string? clientId, string environment, X509Certificate2 certificate, string? address,
        CancellationToken cancellationToken)
    {
        if (clientId is null)
        {
            return Fail(OAuthError.Client("tls_client_auth needs client_id beside the client certificate."), null, TlsClientAuth);
        }

        var result = await certificates.AuthenticateAsync(environment, clientId, certificate, urls.PkiBase(request),
            address, cancellationToken);
        if (!result.Succeeded)
        {
            return Fail(OAuthError.Client("Client authentication failed."), clientId, TlsClientAuth, result.Problem!.Detail);
        }

        var method = result.Value!.Client!.SelfSignedCertificateThumbprint is null ? TlsClientAuth : SelfSignedTlsClientAuth;
        return new ClientAuthentication(result.Value, null, clientId, method) { CertificateThumbprint = Thumbprint(certificate) };
    }

    private static ClientAuthentication From(Core.Result<WorkloadCaller> result, string clientId, string method) =>
        result.Succeeded
            ? new ClientAuthentication(result.Value, null, clientId, method)
            : Fail(OAuthError.Client("Client authentication failed."), clientId, method, result.Problem!.Detail);

    private static ClientAuthentication Fail(OAuthError error, string? clientId, string method, string? reason = null) =>
        new(null, reason is null ? error : error with { Reason = reason }, clientId, method);

    /// <summary>RFC 6749 section 2.3.1: id and secret are form-encoded, then joined by ':' and base64-encoded.</summary>
    private static bool TryReadBasic(string header, out string clientId, out string secret)
    {
        clientId = secret = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || value.Parameter is null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == decoded.Length - 1)
        {
            return false;
        }

        clientId = FormDecode(decoded[..colon]);
        secret = FormDecode(decoded[(colon + 1)..]);
        return true;
    }

    private static string FormDecode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
