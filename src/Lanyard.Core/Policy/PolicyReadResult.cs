namespace Lanyard.Core.Policy;

/// <summary>A policy read from its file, or every error found in it (then <see cref="Policy"/> is null).</summary>
public sealed record PolicyReadResult(EnvironmentPolicy? Policy, IReadOnlyList<PolicyError> Errors)
{
    public bool Succeeded => Policy is not null && Errors.Count == 0;
}
