namespace Lanyard.Core.Policy;

/// <summary>
/// The declarative rules of one environment, as read from its policy file: which credential kinds
/// are issued and for how long, the lifecycle thresholds, and what each identity may receive.
/// </summary>
public sealed record EnvironmentPolicy(string Environment)
{
    public IReadOnlyDictionary<PolicyCredentialKind, KindRules> Credentials { get; init; } =
        new Dictionary<PolicyCredentialKind, KindRules>();

    public TimeSpan? StaleAfter { get; init; }

    public TimeSpan? RenewalWindow { get; init; }

    /// <summary>The rotation age of API keys and client secrets whose own rules set none.</summary>
    public TimeSpan? RotateAfter { get; init; }

    /// <summary>The overlap window of API keys and client secrets whose own rules set none.</summary>
    public TimeSpan? Overlap { get; init; }

    public TimeSpan? SigningKeyRotation { get; init; }

    /// <summary>Whether credentials are issued only to identities that have an owner.</summary>
    public bool OwnerRequired { get; init; }

    /// <summary>Null when the file has no <c>identities</c> list: names and scopes are then not restricted.</summary>
    public IReadOnlyList<IdentityRule>? Identities { get; init; }

    public KindRules For(PolicyCredentialKind kind) => Credentials.TryGetValue(kind, out var rules) ? rules : KindRules.Unset;

    /// <summary>The rotation age of a rotated kind: its own, else the environment's.</summary>
    public TimeSpan? RotateAfterFor(PolicyCredentialKind kind) => For(kind).RotateAfter ?? RotateAfter;

    /// <summary>The overlap window of a rotated kind: its own, else the environment's.</summary>
    public TimeSpan? OverlapFor(PolicyCredentialKind kind) => For(kind).Overlap ?? Overlap;
}
