using Lanyard.Server.OAuth;

namespace Lanyard.Server.Acme;

/// <summary>The URLs of an environment's ACME server, under <c>{public URL}/acme/{env}</c>.</summary>
internal sealed class AcmeUrls(IssuerUrls issuerUrls)
{
    public string Root(HttpRequest request, string env) => issuerUrls.Base(request) + "/acme/" + env;

    /// <summary>The URL this request was sent to, which the JWS header's <c>url</c> must name exactly.</summary>
    public string Requested(HttpRequest request) => issuerUrls.Base(request) + request.Path.Value;

    public string Directory(HttpRequest request, string env) => Root(request, env) + "/directory";

    public string NewAccount(HttpRequest request, string env) => Root(request, env) + "/new-account";

    public string Account(HttpRequest request, string env, string id) => Root(request, env) + "/account/" + id;

    public string Order(HttpRequest request, string env, string id) => Root(request, env) + "/order/" + id;

    public string Authorization(HttpRequest request, string env, string id) => Root(request, env) + "/authz/" + id;

    public string Challenge(HttpRequest request, string env, string id) => Root(request, env) + "/challenge/" + id;

    public string Certificate(HttpRequest request, string env, string orderId) => Root(request, env) + "/cert/" + orderId;

    public string PkiBase(HttpRequest request) => issuerUrls.PkiBase(request);
}
