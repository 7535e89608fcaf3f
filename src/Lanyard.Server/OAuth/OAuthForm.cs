using Microsoft.AspNetCore.Http.Features;

namespace Lanyard.Server.OAuth;

/// <summary>
/// The <c>application/x-www-form-urlencoded</c> body of a token, introspection or revocation
/// request, read with the limits RFC 6749 section 3.2 sets: no parameter twice, no other media type.
/// </summary>
internal sealed class OAuthForm
{
    public const long MaxBodyBytes = 16 * 1024;

    private readonly Dictionary<string, string> _values;

    private OAuthForm(Dictionary<string, string> values) => _values = values;

    public string? this[string name] => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public static async Task<(OAuthForm? Form, OAuthError? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType
            || !request.ContentType!.StartsWith("application/x-www-form-urlencoded",
                StringComparison.OrdinalIgnoreCase))
        {
            return (null, OAuthError.Request("The body must be application/x-www-form-urlencoded."));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, OAuthError.Request($"The body is larger than {MaxBodyBytes} bytes."));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { ValueCountLimit = 32,
                ValueLengthLimit = (int)MaxBodyBytes }, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, OAuthError.Request("The body is not a form this endpoint reads: it is malformed or too large."));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (value.Count > 1)
            {
                return (null, OAuthError.Request($"The parameter '{name}' appears more than once."));
            }

            values[name] = value.ToString();
        }

        return (new OAuthForm(values), null);
    }
}
