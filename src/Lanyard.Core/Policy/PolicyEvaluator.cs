namespace Lanyard.Core.Policy;

/// <summary>
/// The one place every issuance path asks whether a credential may be issued and for how long.
/// Pure: the policy and the request in, a decision out. An environment without a policy gets
/// what it got before policies existed: every kind, any name, the path's own default lifetime.
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>Decides one request. A requested lifetime beyond the maximum is refused, never shortened.</summary>
    public static PolicyDecision Evaluate(EnvironmentPolicy? policy, IssuanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (policy is null)
        {
            return new PolicyDecision(request.RequestedLifetime ?? request.DefaultLifetime, null);
        }

        var lifetime = Lifetime(policy, request);
        var refusal = CheckAllowed(policy, request.Kind)
            ?? CheckOwner(policy, request)
            ?? CheckLifetime(policy, request)
            ?? CheckSpiffePath(policy, request)
            ?? CheckNames(policy, request, "dns-names", "dnsNames", request.DnsNames, r => r.DnsNames)
            ?? CheckNames(policy, request, "scopes", "scopes", request.Scopes, r => r.Scopes);
        return new PolicyDecision(lifetime, refusal);
    }

    /// <summary>Which of <paramref name="scopes"/> the policy lets the identity receive, in their order.</summary>
    public static IReadOnlyList<string> AllowedScopes(EnvironmentPolicy? policy, string identityName, IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (policy?.Identities is not { } rules)
        {
            return scopes.ToList();
        }

        var matching = rules.Where(r => r.Match.Matches(identityName)).ToList();
        return scopes.Where(s => matching.Any(r => r.Scopes.Any(p => p.Matches(s)))).ToList();
    }

    /// <summary>The lifetime to issue with when the request is allowed: the one asked for, else the policy's default,
    /// else the path's, capped at the maximum.</summary>
    private static TimeSpan Lifetime(EnvironmentPolicy policy, IssuanceRequest request)
    {
        if (request.RequestedLifetime is { } asked)
        {
            return asked;
        }

        var rules = policy.For(request.Kind);
        var lifetime = rules.DefaultLifetime ?? request.DefaultLifetime;
        return rules.MaxLifetime is { } longest && lifetime > longest ? longest : lifetime;
    }

    private static PolicyRefusal? CheckAllowed(EnvironmentPolicy policy, PolicyCredentialKind kind) =>
        policy.For(kind).Allowed
            ? null
            : new PolicyRefusal(policy.Environment, Rule(kind, "allowed"), $"{Rule(kind, "allowed")} is false");

    private static PolicyRefusal? CheckOwner(EnvironmentPolicy policy, IssuanceRequest request) =>
        policy.OwnerRequired && request.HasOwner == false
            ? new PolicyRefusal(policy.Environment, "owner-required",
                $"owner-required is true and identity '{request.IdentityName}' has no owner")
            : null;

    private static PolicyRefusal? CheckLifetime(EnvironmentPolicy policy, IssuanceRequest request)
    {
        var rule = Rule(request.Kind, "max-lifetime");
        return request.RequestedLifetime is { } asked && policy.For(request.Kind).MaxLifetime is { } longest && asked > longest
            ? new PolicyRefusal(policy.Environment, rule,
                $"{rule} is {Durations.Format(longest)}; {Durations.Format(asked)} was asked for", "ttl")
            : null;
    }

    private static PolicyRefusal? CheckSpiffePath(EnvironmentPolicy policy, IssuanceRequest request)
    {
        if (request.SpiffePath is not { } path || request.Kind is not (PolicyCredentialKind.X509Svid or PolicyCredentialKind.JwtSvid))
        {
            return null;
        }

        return CheckNames(policy, request, "spiffe-paths", "spiffeId", [path], r => r.SpiffePaths);
    }

    private static PolicyRefusal? CheckNames(
        EnvironmentPolicy policy, IssuanceRequest request, string key, string field, IReadOnlyList<string> names,
        Func<IdentityRule, IReadOnlyList<NamePattern>> patterns)
    {
        if (policy.Identities is not { } rules || names.Count == 0)
        {
            return null;
        }

        var matching = rules.Where(r => r.Match.Matches(request.IdentityName)).ToList();
        if (names.FirstOrDefault(n => !matching.Any(r => patterns(r).Any(p => p.Matches(n)))) is not { } outside)
        {
            return null;
        }

        var what = key switch { "spiffe-paths" => "SPIFFE path", "dns-names" => "DNS name", _ => "scope" };
        var reason = matching.Count == 0
            ? $"{what} '{outside}' is refused: no rule under identities matches identity '{request.IdentityName}'"
            : $"{what} '{outside}' is outside identities[].{key} of the rules matching identity '{request.IdentityName}'";
        return new PolicyRefusal(policy.Environment, "identities." + key, reason, field);
    }

    private static string Rule(PolicyCredentialKind kind, string key) => $"credentials.{PolicyKinds.Name(kind)}.{key}";
}
