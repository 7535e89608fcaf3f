namespace Lanyard.Core.Policy;

/// <summary>What an issuance path asks the policy evaluator about.</summary>
/// <param name="Kind">The kind of credential to issue.</param>
/// <param name="IdentityName">The name of the identity it is issued to.</param>
/// <param name="DefaultLifetime">The lifetime the path gives when the caller asks for none and the policy sets none.</param>
public sealed record IssuanceRequest(PolicyCredentialKind Kind, string IdentityName, TimeSpan DefaultLifetime)
{
    /// <summary>The lifetime the caller asked for; null when it asked for none.</summary>
    public TimeSpan? RequestedLifetime { get; init; }

    /// <summary>Whether the identity has an owner; null when the path does not care.</summary>
    public bool? HasOwner { get; init; }

    /// <summary>The path of the SPIFFE ID the credential carries, such as <c>/payments/api</c>.</summary>
    public string? SpiffePath { get; init; }

    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public IReadOnlyList<string> Scopes { get; init; } = [];
}
