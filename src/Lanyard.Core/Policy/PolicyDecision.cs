namespace Lanyard.Core.Policy;

/// <summary>The evaluator's answer: the lifetime to issue with, or the refusal.</summary>
public sealed record PolicyDecision(TimeSpan Lifetime, PolicyRefusal? Refusal)
{
    public bool Allowed => Refusal is null;
}
