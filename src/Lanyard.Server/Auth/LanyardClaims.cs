using System.Security.Claims;
using Lanyard.Core.Access;
using Lanyard.Store.Issuance;
using Lanyard.Server.OAuth;

namespace Lanyard.Server.Auth;

/// <summary>The claims a caller carries after authentication, whichever credential it presented.</summary>
internal static class LanyardClaims
{
    public const string Environment = "lanyard:environment";
    public const string IdentityName = "lanyard:identity-name";
    public const string SpiffeId = "lanyard:spiffe-id";
    public const string CredentialKind = "lanyard:credential-kind";
    public const string CredentialId = "lanyard:credential-id";
    public const string ClientId = "lanyard:client-id";
    public const string Scope = "lanyard:scope";
    public const string ExpiresAt = "lanyard:expires-at";

    /// <summary>One claim per environment a principal is limited to; none when it reaches all.</summary>
    public const string GrantedEnvironment = "lanyard:granted-environment";

    /// <summary>One claim per team (owner id) an owner principal manages.</summary>
    public const string Team = "lanyard:team";

    public const string PrincipalToken = "principal-token";
    public const string ApiKey = "api-key";
    public const string AccessToken = "access-token";

    public static ClaimsPrincipal ForPrincipal(Principal principal, string scheme) => Build(scheme,
    [
        new(ClaimTypes.NameIdentifier, principal.Id.ToString()),
        new(ClaimTypes.Name, principal.Name),
        new(ClaimTypes.Role, principal.Role.ToString()),
        new(CredentialKind, PrincipalToken),
        new(CredentialId, principal.Id.ToString()),
        .. principal.Environments.Select(e => new Claim(GrantedEnvironment, e)),
        .. principal.Teams.Select(t => new Claim(Team, t.ToString())),
        .. Optional(ExpiresAt, principal.ExpiresAt?.ToString("O")),
    ]);

    /// <summary>A workload principal token acts as its identity, as the identity's own API key would.</summary>
    public static ClaimsPrincipal ForWorkloadPrincipal(Principal principal, Core.Inventory.Identity identity, string scheme) =>
        Build(scheme, [.. Workload(identity),
            new(CredentialKind, PrincipalToken),
            new(CredentialId, principal.Id.ToString()),
            .. Optional(ExpiresAt, principal.ExpiresAt?.ToString("O"))]);

    /// <summary>
    /// What the caller may reach. A workload reaches its own identity in that identity's
    /// environment; people and automation reach what their token was created with.
    /// </summary>
    public static Grant GrantOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role))
        {
            throw new InvalidOperationException("An authenticated caller carries no role.");
        }

        if (role == Role.Workload)
        {
            var identity = new Core.Inventory.IdentityId(Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!));
            return Grant.ForWorkload(identity, user.FindFirstValue(Environment)!);
        }

        return new Grant(role, [.. user.FindAll(GrantedEnvironment).Select(c => c.Value)],
            [.. user.FindAll(Team).Select(c => new Core.Inventory.OwnerId(Guid.Parse(c.Value)))], null);
    }

    public static ClaimsPrincipal ForApiKey(WorkloadCaller caller, string scheme)
    {
        var credential = caller.Credential!;
        return Build(scheme, [.. Workload(caller.Identity),
            new(CredentialKind, ApiKey),
            new(CredentialId, credential.Id.ToString()),
            .. Optional(ExpiresAt, credential.ExpiresAt?.ToString("O"))]);
    }

    public static ClaimsPrincipal ForAccessToken(AccessTokenClaims token, string scheme) => Build(scheme,
    [
        .. Workload(token.Identity!),
        new(CredentialKind, AccessToken),
        new(CredentialId, token.Jti),
        new(ClientId, token.ClientId),
        new(ExpiresAt, token.ExpiresAt.ToString("O")),
        .. Optional(Scope, token.Scope),
    ]);

    private static Claim[] Workload(Core.Inventory.Identity identity) =>
    [
        new(ClaimTypes.NameIdentifier, identity.Id.ToString()),
        new(ClaimTypes.Name, identity.SpiffeId),
        new(ClaimTypes.Role, nameof(Role.Workload)),
        new(Environment, identity.Environment),
        new(IdentityName, identity.Name),
        new(SpiffeId, identity.SpiffeId),
    ];

    private static Claim[] Optional(string type, string? value) => value is null ? [] : [new Claim(type, value)];

    private static ClaimsPrincipal Build(string scheme, Claim[] claims) => new(new ClaimsIdentity(claims, scheme));
}
