using System.Collections.Frozen;
using System.Text;
using Lanyard.Core.Access;
using static Lanyard.Server.Auth.TargetKind;

namespace Lanyard.Server.Auth;

/// <summary>
/// Who may do what: every endpoint the server maps, the roles allowed on it and how far each
/// reaches. The access filter enforces it, the dashboard's actions ask it, and
/// <c>docs/authorization.md</c> is rendered from it. An endpoint missing here is refused to all.
/// </summary>
internal static class AccessTable
{
    private const Reach Any = Reach.AnyEnvironment;
    private const Reach Env = Reach.GrantedEnvironments;
    private const Reach Team = Reach.OwnTeam;
    private const Reach Own = Reach.OwnIdentity;

    public static readonly IReadOnlyList<AccessRow> Rows =
    [
        // Inventory: environments and owners (teams).
        new("GET", "/v1/environments/", None, Any, Any, Any, null),
        new("GET", "/v1/environments/{name}", EnvironmentRoute, Env, Any, Env, null),
        new("POST", "/v1/environments/", EnvironmentBody, Env, null, null, null),
        new("PATCH", "/v1/environments/{name}", EnvironmentRoute, Env, null, null, null),
        new("DELETE", "/v1/environments/{name}", EnvironmentRoute, Env, null, null, null),
        new("GET", "/v1/owners/", None, Any, Any, Any, null),
        new("GET", "/v1/owners/{idOrName}", OwnerRoute, Any, Any, Any, null),
        new("POST", "/v1/owners/", None, Env, null, null, null),
        new("PATCH", "/v1/owners/{idOrName}", OwnerRoute, Env, null, Team, null),
        new("GET", "/v1/owners/{idOrName}/webhook-deliveries", OwnerRoute, Env, Any, Team, null),
        new("DELETE", "/v1/owners/{idOrName}", OwnerRoute, Env, null, null, null),
        new("GET", "/v1/webhooks/deliveries/", None, Env, Any, null, null),
        new("GET", "/v1/webhooks/deliveries/{id:guid}", None, Env, Any, null, null),
        new("POST", "/v1/webhooks/deliveries/{id:guid}/redeliver", None, Env, null, null, null),

        // Inventory: identities and credentials.
        new("GET", "/v1/identities/", EnvironmentQuery, Env, Any, Env, null),
        new("GET", "/v1/identities/{id:guid}", IdentityRoute, Env, Any, Env, Own),
        new("POST", "/v1/identities/", IdentityBody, Env, null, Team, null),
        new("PATCH", "/v1/identities/{id:guid}", IdentityPatch, Env, null, Team, null),
        new("DELETE", "/v1/identities/{id:guid}", IdentityRoute, Env, null, Team, null),
        new("GET", "/v1/credentials/", CredentialQuery, Env, Any, Env, Own),
        new("GET", "/v1/credentials/{id:guid}", CredentialRoute, Env, Any, Env, Own),
        new("POST", "/v1/credentials/", CredentialBody, Env, null, Team, null),
        new("PATCH", "/v1/credentials/{id:guid}", CredentialRoute, Env, null, Team, null),
        new("DELETE", "/v1/credentials/{id:guid}", CredentialRoute, Env, null, Team, null),
        new("POST", "/v1/credentials/{id:guid}/reveal", CredentialRoute, Env, null, Team, null),

        // Issuance and lifecycle.
        new("POST", "/v1/identities/{id:guid}/apikeys", IdentityRoute, Env, null, Team, null),
        new("POST", "/v1/identities/{id:guid}/clients", IdentityRoute, Env, null, Team, null),
        new("POST", "/v1/identities/{id:guid}/certificates", IdentityRoute, Env, null, Team, null),
        new("POST", "/v1/identities/{id:guid}/acme-eab", IdentityRoute, Env, null, Team, null),
        new("POST", "/v1/credentials/{id:guid}/revoke", CredentialRoute, Env, null, Team, null),
        new("POST", "/v1/credentials/{id:guid}/rotate", CredentialRoute, Env, null, Team, Own),
        new("POST", "/v1/svid/x509", Caller, null, null, null, Own),
        new("POST", "/v1/svid/jwt", Caller, null, null, null, Own),
        new("GET", "/v1/whoami", None, Any, Any, Any, Any),

        // Discovery, posture and the audit trail.
        new("POST", "/v1/imports/{source}", EnvironmentQuery, Env, null, null, null),
        new("GET", "/v1/findings", EnvironmentQuery, Env, Any, Env, null),
        new("GET", "/v1/endpoints/", EnvironmentQuery, Env, Any, Env, null),
        new("POST", "/v1/endpoints/", EndpointBody, Env, null, null, null),
        new("DELETE", "/v1/endpoints/{id:guid}", None, Env, null, null, null),
        new("POST", "/v1/scan-reports/", None, Env, null, null, null),
        new("GET", "/v1/scan-reports/", None, Env, Any, null, null),
        new("GET", "/v1/audit/", None, Env, Any, null, null),
        new("GET", "/v1/audit/verify", None, Env, Any, null, null),

        // Principals and their tokens.
        new("GET", "/v1/principals/", None, Env, Any, null, null),
        new("POST", "/v1/principals/", PrincipalBody, Env, null, null, null),
        new("GET", "/v1/principals/{id:guid}", PrincipalRoute, Env, Any, null, null),
        new("POST", "/v1/principals/{id:guid}/revoke", PrincipalRoute, Env, null, null, null),

        // Environment CAs: importing a root or intermediate and renewing the issuing one by hand.
        new("GET", "/v1/environments/{env}/ca/", EnvironmentRoute, Env, Any, Env, null),
        new("POST", "/v1/environments/{env}/ca/import", EnvironmentRoute, Env, null, null, null),
        new("POST", "/v1/environments/{env}/ca/rotate-intermediate", EnvironmentRoute, Env, null, null, null),

        // Environment policies: admins apply them; everyone who works in an environment may read them.
        new("PUT", "/v1/policies/{env}", EnvironmentRoute, Env, null, null, null),
        new("GET", "/v1/policies/{env}", EnvironmentRoute, Env, Any, Env, null),
        new("GET", "/v1/policies/{env}/history", EnvironmentRoute, Env, Any, Env, null),
        new("POST", "/v1/policies/{env}/diff", EnvironmentRoute, Env, Any, Env, null),

        // Public trust material and the OAuth2 endpoints, which authenticate their clients themselves.
        Public("GET", "/v1/bundle/{env}.pem"),
        Public("GET", "/v1/bundle/{env}"),
        Public("GET", "/v1/crl/{env}.crl"),
        Public("GET", "/v1/crl/{env}/root.crl"),
        Public("GET", "/v1/crl/{env}/{issuer}.crl"),
        Public("GET", "/.well-known/oauth-authorization-server/oauth2/{env}"),
        Public("GET", "/oauth2/{env}/jwks"),
        Public("POST", "/oauth2/{env}/token"),
        Public("POST", "/oauth2/{env}/introspect"),
        Public("POST", "/oauth2/{env}/revoke"),

        // ACME (RFC 8555): each request is signed by its account key, which the ACME server checks itself.
        Public("GET", "/acme/{env}/directory"),
        Public("HEAD", "/acme/{env}/new-nonce"),
        Public("GET", "/acme/{env}/new-nonce"),
        Public("POST", "/acme/{env}/new-account"),
        Public("POST", "/acme/{env}/account/{id}"),
        Public("POST", "/acme/{env}/account/{id}/orders"),
        Public("POST", "/acme/{env}/key-change"),
        Public("POST", "/acme/{env}/new-order"),
        Public("POST", "/acme/{env}/order/{id}"),
        Public("POST", "/acme/{env}/order/{id}/finalize"),
        Public("POST", "/acme/{env}/authz/{id}"),
        Public("POST", "/acme/{env}/challenge/{id}"),
        Public("POST", "/acme/{env}/cert/{id}"),
        Public("POST", "/acme/{env}/revoke-cert"),
        Public("GET", "/acme/{env}/renewal-info/{id}"),

        // Operations.
        Public("*", "/health/live"),
        Public("*", "/health/ready"),
        Public("*", "/metrics"),
        Public("GET", "/openapi/{documentName}.json"),

        // The dashboard: lists are open to every person role and show a limited principal only its
        // environments; single identities, the audit trail and the actions follow the API's rows.
        Public("GET", "/dashboard.css"),
        Public("*", "/signin"),
        new("*", "/signout", None, Any, Any, Any, null),
        new("*", "/", None, Any, Any, Any, null),
        new("*", "/inventory", None, Any, Any, Any, null),
        new("*", "/findings", None, Any, Any, Any, null),
        new("*", "/owners", None, Any, Any, Any, null),
        new("*", "/audit", None, Env, Any, null, null),
        new("*", "/identities/{id:guid}", IdentityRoute, Env, Any, Env, null),
        new("*", "/credentials/{id:guid}/rotate", CredentialRoute, Env, null, Team, null),
        new("*", "/credentials/{id:guid}/revoke", CredentialRoute, Env, null, Team, null),
    ];

    private static readonly FrozenDictionary<string, AccessRow> ByEndpoint =
        Rows.ToFrozenDictionary(r => Key(r.Method, r.Pattern), StringComparer.Ordinal);

    /// <summary>The row for an endpoint; <c>*</c> rows answer every method of their pattern.</summary>
    public static AccessRow? Find(string method, string pattern) =>
        ByEndpoint.GetValueOrDefault(Key(method.ToUpperInvariant(), pattern)) ?? ByEndpoint.GetValueOrDefault(Key("*", pattern));

    /// <summary>The row an API endpoint's decision in the dashboard follows.</summary>
    public static AccessRow Get(string method, string pattern) =>
        Find(method, pattern) ?? throw new InvalidOperationException($"The access table has no row for {method} {pattern}.");

    /// <summary>The table as a Markdown table, as <c>docs/authorization.md</c> carries it.</summary>
    public static string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| method | route | target | admin | auditor | owner | workload |\n");
        text.Append("| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var row in Rows)
        {
            var cells = row.Public
                ? ["public", "public", "public", "public"]
                : new[] { row.Admin, row.Auditor, row.Owner, row.Workload }.Select(Cell).ToArray();
            var target = row.Public ? "-" : Describe(row.Target);
            text.Append($"| {row.Method} | `{row.Pattern}` | {target} | {string.Join(" | ", cells)} |\n");
        }

        return text.ToString();
    }

    private static AccessRow Public(string method, string pattern) =>
        new(method, pattern, None, Any, Any, Any, Any) { Public = true };

    private static string Key(string method, string pattern) => method + " " + pattern;

    private static string Cell(Reach? reach) => reach switch
    {
        null => "no",
        Any => "any env",
        Env => "granted envs",
        Team => "own team",
        Own => "own identity",
        _ => throw new ArgumentOutOfRangeException(nameof(reach)),
    };

    private static string Describe(TargetKind target) => target switch
    {
        None => "none",
        EnvironmentRoute => "env in route",
        EnvironmentBody => "env in body",
        EndpointBody => "env in body",
        EnvironmentQuery => "`?environment=`",
        OwnerRoute => "owner in route",
        IdentityRoute => "identity in route",
        IdentityBody => "env and owner in body",
        IdentityPatch => "identity in route, new owner in body",
        CredentialRoute => "credential in route",
        CredentialBody => "identity in body",
        CredentialQuery => "`?identity=`, else `?environment=`",
        Caller => "caller's identity",
        PrincipalBody => "envs in body",
        PrincipalRoute => "principal in route",
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };
}
