using Lanyard.Core.Policy;

namespace Lanyard.Store.Policy;

/// <summary>The outcome of applying a policy file: the version in force and what changed (nothing when the text was the same).</summary>
public sealed record AppliedPolicy(PolicyVersion Version, IReadOnlyList<PolicyChange> Changes, bool Created);
