using Lanyard.Acme;
using Lanyard.Store.Acme;

namespace Lanyard.Server.Acme;

/// <summary>
/// Reads and verifies an ACME POST (RFC 8555 section 6.2) in the order that lets nothing through
/// unchecked: media type, size, JWS form and algorithm, the nonce (used up once), the <c>url</c>
/// against the URL requested, the key or account, and last the signature.
/// </summary>
internal sealed class AcmeRequestReader(NonceLedger nonces, AcmeUrls urls, AcmeAccounts accounts)
{
    public const string JoseJson = "application/jose+json";

    public async Task<AcmeRequest> ReadAsync(HttpContext http, string env, KeyReference keys)
    {
        var body = await ReadBodyAsync(http);
        var jws = JwsMessage.Parse(body, keys);
        if (!nonces.TryConsume(jws.Nonce))
        {
            throw new AcmeProblemException(AcmeProblem.BadNonce("The nonce is unknown, used or expired; retry with the "
                + "Replay-Nonce of this response."));
        }

        var requested = urls.Requested(http.Request);
        if (!string.Equals(jws.Url, requested, StringComparison.Ordinal))
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized($"The JWS header's url is '{jws.Url}' but the "
                + $"request went to '{requested}'."));
        }

        var (key, account) = jws.Jwk is { } jwk
            ? (jwk, await accounts.FindByKeyAsync(env, jwk.Thumbprint, http.RequestAborted))
            : await AccountOfKidAsync(http, env, jws.Kid!);
        if (!jws.Verify(key))
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("The JWS signature does not verify with the account's key."));
        }

        return new AcmeRequest(jws, key, account);
    }

    private async Task<(AccountKey, AcmeAccount?)> AccountOfKidAsync(HttpContext http, string env, string kid)
    {
        var prefix = urls.Account(http.Request, env, "");
        var id = kid.StartsWith(prefix, StringComparison.Ordinal) ? kid[prefix.Length..] : null;
        var account = string.IsNullOrEmpty(id) ? null : await accounts.FindAsync(env, id, http.RequestAborted);
        if (account is null)
        {
            throw new AcmeProblemException(AcmeProblem.AccountDoesNotExist($"No account of this environment has the URL '{kid}'."));
        }

        if (account.Status != AcmeStatus.Valid)
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized("The account is deactivated."));
        }

        return (AccountKey.Parse(account.KeyJson), account);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, JoseJson, StringComparison.OrdinalIgnoreCase))
        {
            throw new AcmeProblemException(new AcmeProblem(AcmeProblem.Namespace + "malformed",
                $"ACME requests are sent as {JoseJson}, not '{http.Request.ContentType}'.", StatusCodes.Status415UnsupportedMediaType));
        }

        if (http.Request.ContentLength > JwsMessage.MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > JwsMessage.MaxBodyBytes)
            {
                throw TooLarge();
            }
        }

        return buffer.ToArray();
    }

    private static AcmeProblemException TooLarge() => new(new AcmeProblem(AcmeProblem.Namespace + "malformed",
        $"The request body is larger than {JwsMessage.MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge));
}
