using Lanyard.Core.Inventory;

namespace Lanyard.Core.Policy;

/// <summary>
/// A policy as flat settings (<c>credentials.api-key.max-lifetime = 30d</c>), for showing and
/// comparing, and as the environment's lifecycle thresholds, which the policy is the source of.
/// </summary>
public static class PolicySettings
{
    /// <summary>Every setting the policy makes, in a fixed order; unset ones are left out.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(EnvironmentPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var settings = new List<KeyValuePair<string, string>>();
        void Add(string key, object? value)
        {
            var text = value switch
            {
                null => null,
                TimeSpan span => Durations.Format(span),
                bool flag => flag ? "true" : "false",
                _ => value.ToString(),
            };
            if (text is not null)
            {
                settings.Add(new(key, text));
            }
        }

        Add("environment", policy.Environment);
        foreach (var kind in PolicyKinds.All.Where(policy.Credentials.ContainsKey))
        {
            var rules = policy.Credentials[kind];
            var path = "credentials." + PolicyKinds.Name(kind);
            Add(path + ".allowed", rules.Allowed);
            Add(path + ".max-lifetime", rules.MaxLifetime);
            Add(path + ".default-lifetime", rules.DefaultLifetime);
            Add(path + ".rotate-after", rules.RotateAfter);
            Add(path + ".overlap", rules.Overlap);
        }

        Add("stale-after", policy.StaleAfter);
        Add("renewal-window", policy.RenewalWindow);
        Add("rotate-after", policy.RotateAfter);
        Add("overlap", policy.Overlap);
        Add("signing-key-rotation", policy.SigningKeyRotation);
        Add("owner-required", policy.OwnerRequired);
        for (var i = 0; i < (policy.Identities?.Count ?? 0); i++)
        {
            var rule = policy.Identities![i];
            var path = $"identities[{i}]";
            Add(path + ".match", rule.Match.Text);
            Add(path + ".spiffe-paths", Join(rule.SpiffePaths));
            Add(path + ".dns-names", Join(rule.DnsNames));
            Add(path + ".scopes", Join(rule.Scopes));
        }

        return settings;
    }

    /// <summary>What applying <paramref name="proposed"/> over <paramref name="current"/> (null: none) changes.</summary>
    public static IReadOnlyList<PolicyChange> Compare(EnvironmentPolicy? current, EnvironmentPolicy proposed)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var before = current is null ? [] : Flatten(current).ToDictionary(p => p.Key, p => p.Value);
        var after = Flatten(proposed).ToDictionary(p => p.Key, p => p.Value);
        var keys = (current is null ? [] : Flatten(current).Select(p => p.Key)).Concat(after.Keys).Distinct();
        return keys
            .Select(k => new PolicyChange(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(c => c.Before != c.After)
            .ToList();
    }

    /// <summary>
    /// Sets the environment's lifecycle thresholds from the policy: what it sets, else the
    /// defaults, so a threshold removed from the file goes back to its default.
    /// </summary>
    public static void ApplyTo(EnvironmentPolicy policy, DeploymentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(environment);
        environment.StaleAfterDays = Days(policy.StaleAfter) ?? DeploymentEnvironment.DefaultStaleAfterDays;
        environment.RenewalWindowDays = Days(policy.RenewalWindow) ?? DeploymentEnvironment.DefaultRenewalWindowDays;
        environment.RotateAfterDays = Days(policy.RotateAfter) ?? DeploymentEnvironment.DefaultRotateAfterDays;
        environment.RotationOverlapHours = policy.Overlap is { } overlap
            ? (int)overlap.TotalHours
            : DeploymentEnvironment.DefaultRotationOverlapHours;
        environment.SigningKeyRotationDays = Days(policy.SigningKeyRotation) ?? DeploymentEnvironment.DefaultSigningKeyRotationDays;
    }

    /// <summary>The rotation age of a credential kind: the policy's for that kind, else the environment's.</summary>
    public static TimeSpan RotateAfter(EnvironmentPolicy? policy, PolicyCredentialKind kind, DeploymentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return policy?.For(kind).RotateAfter ?? TimeSpan.FromDays(environment.RotateAfterDays);
    }

    /// <summary>The overlap window of a credential kind: the policy's for that kind, else the environment's.</summary>
    public static TimeSpan Overlap(EnvironmentPolicy? policy, PolicyCredentialKind kind, DeploymentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return policy?.For(kind).Overlap ?? TimeSpan.FromHours(environment.RotationOverlapHours);
    }

    private static int? Days(TimeSpan? span) => span is { } value ? (int)value.TotalDays : null;

    private static string? Join(IReadOnlyList<NamePattern> patterns) =>
        patterns.Count == 0 ? null : string.Join(", ", patterns.Select(p => p.Text));
}
