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

    /// <summary>
    /// The base of the CRL URLs written into certificates. Never the request's Host header: the
    /// first request to an environment's PKI could come from anyone, and a URL it chose would stay
    /// in the intermediate for years. <c>LANYARD_PUBLIC_URL</c>, else the first listening URL with
    /// a wildcard address read as localhost, on the port the request came in on.
    /// </summary>
    public string PkiBase(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (settings.PublicUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var listening = settings.Urls.Length > 0 ? settings.Urls[0] : ServerSettings.DefaultUrl;
        var scheme = listening.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "http" : "https";
        var host = listening[(listening.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('/')[0];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':')[0];
        if (host is "*" or "+" or "0.0.0.0" or "[::]" or "")
        {
            host = "localhost";
        }

        return $"{scheme}://{host}:{request.HttpContext.Connection.LocalPort}";
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
