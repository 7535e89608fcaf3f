using System.Net;
using System.Security.Cryptography;
using Lanyard.Core;
using Lanyard.Core.Inventory;

namespace Lanyard.Store.Webhooks;

/// <summary>Webhook signing secrets and the rules for webhook URLs.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "lnywh_";
    public const int MaxUrlLength = 2048;

    /// <summary>A new secret: the prefix and 256 random bits, base64url. Its UTF-8 bytes are the HMAC key.</summary>
    public static string Create() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string SealContext(OwnerId owner) => $"owner/{owner}/webhook";

    /// <summary>
    /// An absolute https URL without credentials in it; plain http only to a loopback address,
    /// where nothing crosses a network.
    /// </summary>
    public static Problem? Validate(string url)
    {
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return Problem.Invalid("webhook", $"'{Shorten(url)}' is not an absolute URL of at most {MaxUrlLength} characters.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return Problem.Invalid("webhook", "A webhook URL must not carry a user name or password; the signature authenticates Lanyard.");
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && loopback)
            ? null
            : Problem.Invalid("webhook", $"'{Shorten(url)}' is not https; plain http is allowed only to a loopback address.");
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
