namespace Lanyard.Server.Auth;

/// <summary>Where a request names what it acts on; the access filter looks there to judge the reach.</summary>
internal enum TargetKind
{
    /// <summary>Bound to no environment, team or identity: lists of owners, the audit trail.</summary>
    None,

    /// <summary>The environment in the route (<c>{name}</c> or <c>{env}</c>).</summary>
    EnvironmentRoute,

    /// <summary>The environment named in the body of a create request.</summary>
    EnvironmentBody,

    /// <summary>The environment a newly watched TLS endpoint is filed under.</summary>
    EndpointBody,

    /// <summary>The <c>?environment=</c> of a list or import; without it, every environment.</summary>
    EnvironmentQuery,

    /// <summary>The owner (team) in the route.</summary>
    OwnerRoute,

    /// <summary>The identity in the route: its environment, its owner, itself.</summary>
    IdentityRoute,

    /// <summary>The environment and owner a new identity is created with.</summary>
    IdentityBody,

    /// <summary>The identity in the route and, when the body moves it, the owner it moves to.</summary>
    IdentityPatch,

    /// <summary>The credential in the route, judged by the identity (or owner) it belongs to.</summary>
    CredentialRoute,

    /// <summary>The identity a new credential is registered for.</summary>
    CredentialBody,

    /// <summary>The <c>?identity=</c> of a credential list, else its <c>?environment=</c>.</summary>
    CredentialQuery,

    /// <summary>The caller's own identity: SVIDs are issued to whoever asks, for itself.</summary>
    Caller,

    /// <summary>The environments a new principal is limited to, or its identity's environment.</summary>
    PrincipalBody,

    /// <summary>The principal in the route, judged by the environments it is limited to.</summary>
    PrincipalRoute,
}
