using Lanyard.Core.Policy;

namespace Lanyard.Server.Api;

/// <summary>One setting a policy changes.</summary>
public sealed record PolicyChangeView(string Key, string? Before, string? After)
{
    public static PolicyChangeView From(PolicyChange change) => new(change.Key, change.Before, change.After);
}

/// <summary>A policy version in force: its text as applied and its settings, flattened.</summary>
public sealed record PolicyView(
    string Environment, int Version, DateTimeOffset AppliedAt, string AppliedBy, string Digest,
    IReadOnlyDictionary<string, string> Settings, string Text)
{
    public static PolicyView From(PolicyVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var policy = PolicyReader.Read(version.Text).Policy;
        var settings = policy is null ? [] : PolicySettings.Flatten(policy).ToDictionary(p => p.Key, p => p.Value);
        return new PolicyView(version.Environment, version.Version, version.AppliedAt, version.AppliedBy,
            version.Digest, settings, version.Text);
    }
}

/// <summary>One entry of an environment's policy history.</summary>
public sealed record PolicyHistoryView(int Version, DateTimeOffset AppliedAt, string AppliedBy, string Digest)
{
    public static PolicyHistoryView From(PolicyVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new(version.Version, version.AppliedAt, version.AppliedBy, version.Digest);
    }
}

/// <summary>The answer to an apply: the version in force, whether this apply created it, and what changed.</summary>
public sealed record PolicyAppliedView(string Environment, int Version, bool Changed, IReadOnlyList<PolicyChangeView> Changes);

/// <summary>What applying a file would change.</summary>
public sealed record PolicyDiffView(string Environment, IReadOnlyList<PolicyChangeView> Changes);

/// <summary>One error of an invalid policy file.</summary>
public sealed record PolicyErrorView(int Line, int Column, string Message);
