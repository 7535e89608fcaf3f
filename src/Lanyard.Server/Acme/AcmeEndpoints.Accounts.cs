using System.Text.Json;
using Lanyard.Acme;
using Lanyard.Store.Acme;

namespace Lanyard.Server.Acme;

internal static partial class AcmeEndpoints
{
    private const int MaxContacts = 10;

    /// <summary>newAccount (RFC 8555 section 7.3): an existing key answers with its account; a new one needs External
    /// Account Binding.</summary>
    private static async Task<IResult> NewAccountAsync(
        string env, HttpContext http, AcmeRequestReader reader, AcmeAccounts accounts, AcmeUrls urls)
    {
        var request = await reader.ReadAsync(http, env, KeyReference.Jwk);
        using var payload = request.Jws.PayloadJson();
        var root = payload.RootElement;
        if (request.Account is { } existing)
        {
            return existing.Status == AcmeStatus.Valid
                ? AccountResult(http, env, urls, existing, StatusCodes.Status200OK)
                : throw new AcmeProblemException(AcmeProblem.Unauthorized("The account of this key is deactivated."));
        }

        if (root.TryGetProperty("onlyReturnExisting", out var onlyExisting) && onlyExisting.ValueKind == JsonValueKind.True)
        {
            throw new AcmeProblemException(AcmeProblem.AccountDoesNotExist("No account has this key."));
        }

        var contacts = ReadContacts(root) ?? [];
        if (!root.TryGetProperty("externalAccountBinding", out var bindingJson))
        {
            throw new AcmeProblemException(AcmeProblem.ExternalAccountRequired(
                "This server needs External Account Binding: get a kid and HMAC key with `lanyard acme eab create IDENTITY`."));
        }

        var binding = ExternalAccountBinding.Parse(bindingJson, urls.Requested(http.Request), request.Key);
        var account = await accounts.RegisterAsync(env, request.Key, contacts, binding, http.RequestAborted);
        return AccountResult(http, env, urls, account, StatusCodes.Status201Created);
    }

    /// <summary>The account object: read (POST-as-GET), new contacts, or deactivation (RFC 8555 sections 7.3.2 and 7.3.6).</summary>
    private static async Task<IResult> AccountAsync(
        string env, string id, HttpContext http, AcmeRequestReader reader, AcmeAccounts accounts, AcmeUrls urls)
    {
        var request = await reader.ReadAsync(http, env, KeyReference.Kid);
        var account = request.RequireAccount();
        if (account.Id != id)
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized("A request may read or change only its own account."));
        }

        if (request.Jws.IsPostAsGet)
        {
            return AccountResult(http, env, urls, account, StatusCodes.Status200OK);
        }

        using var payload = request.Jws.PayloadJson();
        var root = payload.RootElement;
        var deactivate = false;
        if (root.TryGetProperty("status", out var status))
        {
            deactivate = status.ValueKind == JsonValueKind.String && status.GetString() == "deactivated"
                ? true
                : throw new AcmeProblemException(AcmeProblem.Malformed("A client may set an account's status only to 'deactivated'."));
        }

        var updated = await accounts.UpdateAsync(account, ReadContacts(root), deactivate, http.RequestAborted);
        return AccountResult(http, env, urls, updated, StatusCodes.Status200OK);
    }

    /// <summary>keyChange (RFC 8555 section 7.3.5): the inner JWS, signed by the new key, names the account and its old key.</summary>
    private static async Task<IResult> KeyChangeAsync(
        string env, HttpContext http, AcmeRequestReader reader, AcmeAccounts accounts, AcmeUrls urls)
    {
        var request = await reader.ReadAsync(http, env, KeyReference.Kid);
        var account = request.RequireAccount();
        using var payload = request.Jws.PayloadJson();
        var inner = JwsMessage.Parse(payload.RootElement, KeyReference.Jwk, nonceRequired: false);
        if (!inner.Verify(inner.Jwk!))
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("The inner JWS of keyChange does not verify with the new key."));
        }

        if (inner.Url != request.Jws.Url)
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized("The inner JWS's url must be the keyChange URL, as "
                + "the outer one's is."));
        }

        using var change = inner.PayloadJson();
        var accountUrl = change.RootElement.TryGetProperty("account", out var a) && a.ValueKind == JsonValueKind.String
            ? a.GetString() : null;
        if (accountUrl != urls.Account(http.Request, env, account.Id))
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized("The inner JWS's 'account' is not the account that "
                + "signed the request."));
        }

        if (!change.RootElement.TryGetProperty("oldKey", out var oldKey) || !AccountKey.Parse(oldKey).SameAs(request.Key))
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized("The inner JWS's 'oldKey' is not the account's current key."));
        }

        var changed = await accounts.ChangeKeyAsync(account, inner.Jwk!, http.RequestAborted);
        return AccountResult(http, env, urls, changed, StatusCodes.Status200OK);
    }

    private static IResult AccountResult(HttpContext http, string env, AcmeUrls urls, AcmeAccount account, int status)
    {
        var url = urls.Account(http.Request, env, account.Id);
        return AcmeResults.Json(http, AccountView.From(account, url + "/orders"), status, url);
    }

    /// <summary>The contacts of a payload: at most ten single-address <c>mailto:</c> URLs; null when the payload names none.</summary>
    private static List<string>? ReadContacts(JsonElement payload)
    {
        if (!payload.TryGetProperty("contact", out var contact))
        {
            return null;
        }

        if (contact.ValueKind != JsonValueKind.Array || contact.GetArrayLength() > MaxContacts)
        {
            throw new AcmeProblemException(AcmeProblem.InvalidContact($"'contact' is an array of at most {MaxContacts} mailto: URLs."));
        }

        var contacts = new List<string>();
        foreach (var item in contact.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : "";
            if (!text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                throw new AcmeProblemException(AcmeProblem.UnsupportedContact($"Contact '{text}' is not a mailto: URL; "
                    + "Lanyard takes only e-mail contacts."));
            }

            var address = text["mailto:".Length..];
            if (address.Length is 0 or > 254 || address.Contains('?', StringComparison.Ordinal)
                || address.Contains(',', StringComparison.Ordinal)
                || address.Count(c => c == '@') != 1 || address.Any(char.IsWhiteSpace))
            {
                throw new AcmeProblemException(AcmeProblem.InvalidContact($"Contact '{text}' is not one e-mail address "
                    + "without header fields."));
            }

            contacts.Add(text);
        }

        return contacts;
    }
}
