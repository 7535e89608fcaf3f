using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Lanyard.Acme;
using Lanyard.Store.Acme;

namespace Lanyard.Server.Acme;

internal static partial class AcmeEndpoints
{
    /// <summary>
    /// A challenge: POST-as-GET reads it; a JSON payload (<c>{}</c>) asks Lanyard to validate it
    /// (RFC 8555 section 7.5.1). The answer links up to its authorization.
    /// </summary>
    private static async Task<IResult> ChallengeAsync(
        string env, string id, HttpContext http, AcmeRequestReader reader, AcmeOrders orders, ChallengeRunner runner, AcmeUrls urls)
    {
        var request = await reader.ReadAsync(http, env, KeyReference.Kid);
        var account = request.RequireAccount();
        var found = await orders.FindChallengeAsync(account.Id, id, http.RequestAborted)
            ?? throw new AcmeProblemException(AcmeProblem.NotFound("This account has no such challenge."));
        if (!request.Jws.IsPostAsGet)
        {
            request.Jws.PayloadJson().Dispose();
            if (await orders.StartValidationAsync(id, http.RequestAborted))
            {
                await runner.StartAsync(account, found.Challenge, found.Authorization);
            }

            found = (await orders.FindChallengeAsync(account.Id, id, http.RequestAborted))!.Value;
        }

        if (found.Challenge.Status is AcmeStatus.Processing or AcmeStatus.Pending && found.Authorization.Status == AcmeStatus.Pending)
        {
            AcmeResults.RetryAfter(http);
        }

        AcmeResults.LinkUp(http, urls.Authorization(http.Request, env, found.Authorization.Id));
        return AcmeResults.Json(http, ChallengeView(http, env, urls, found.Challenge));
    }

    /// <summary>revokeCert (RFC 8555 section 7.6): signed by the account bound to the certificate's identity, or by the
    /// certificate's key.</summary>
    private static async Task<IResult> RevokeAsync(string env, HttpContext http, AcmeRequestReader reader, AcmeOrders orders)
    {
        var request = await reader.ReadAsync(http, env, KeyReference.Either);
        using var payload = request.Jws.PayloadJson();
        var root = payload.RootElement;
        var der = root.TryGetProperty("certificate", out var c) && c.ValueKind == JsonValueKind.String
            ? Base64Url.TryDecode(c.GetString()) : null;
        int? reason = root.TryGetProperty("reason", out var r)
            ? r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var code) ? code
                : throw new AcmeProblemException(AcmeProblem.BadRevocationReason("'reason' is not an integer."))
            : null;
        using var certificate = LoadCertificate(der);
        AcmeAccount? account = null;
        if (request.Jws.Kid is not null)
        {
            account = request.RequireAccount();
        }
        else if (!AccountKey.FromCertificate(certificate).SameAs(request.Key))
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized("A revocation signed with a jwk must be signed "
                + "with the certificate's own key."));
        }

        await orders.RevokeAsync(env, certificate, reason, account, http.RequestAborted);
        return Results.Ok();
    }

    /// <summary>renewalInfo (RFC 9773): when to renew the certificate, polled again after Retry-After.</summary>
    private static async Task<IResult> RenewalInfoAsync(string env, string id, HttpContext http, AcmeOrders orders, AcmeUrls urls)
    {
        var certificateId = CertificateIdentifier.TryParse(id)
            ?? throw new AcmeProblemException(AcmeProblem.Malformed("The renewalInfo path ends in base64url(AKI) '.' base64url(serial)."));
        var window = await orders.RenewalInfoAsync(env, certificateId, urls.PkiBase(http.Request), http.RequestAborted)
            ?? throw new AcmeProblemException(AcmeProblem.NotFound("Lanyard did not issue a certificate with this id "
                + "in this environment."));
        http.Response.Headers.RetryAfter = "21600";
        return AcmeResults.Json(http, new RenewalInfoView(new SuggestedWindow(AcmeViews.Time(window.Start), AcmeViews.Time(window.End))));
    }

    private static X509Certificate2 LoadCertificate(byte[]? der)
    {
        try
        {
            return der is null ? throw new CryptographicException() : X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("'certificate' must be the base64url DER of the certificate to revoke."));
        }
    }
}
