using Lanyard.Server.Hosting;

namespace Lanyard.Server.OAuth;

/// <summary>
/// Each environment's issuer, <c>{public URL}/oauth2/{environment}</c>, and the endpoints under
/// it. The public URL is <c>LANYARD_PUBLIC_URL</c>; without it, the scheme and host the request
/// came to, which suits one server reached under one name.
/// </summary>
internal sealed class IssuerUrls(ServerSettings settings)
{
    public const string PathPrefix = "/oauth2/";

    public string Base(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return settings.PublicUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    public string Issuer(HttpRequest request, string environment) => Base(request) + PathPrefix + environment;

    public string TokenEndpoint(HttpRequest request, string environment) => Issuer(request, environment) + "/token";

    /// <summary>The environment an issuer names, when it is one of this server's issuers.</summary>
    public string? EnvironmentOf(HttpRequest request, string? issuer)
    {
        var prefix = Base(request) + PathPrefix;
        if (issuer is null || !issuer.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var environment = issuer[prefix.Length..];
        return Core.Inventory.InventoryNames.IsValidEnvironment(environment) ? environment : null;
    }
}
