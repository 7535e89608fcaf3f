namespace Lanyard.Core.Policy;

/// <summary>Why a policy refuses an issuance: the rule (<c>credentials.api-key.allowed</c>) and the reason in words.</summary>
/// <param name="Environment">The environment whose policy refused.</param>
/// <param name="Rule">The policy key that refused, as written in the file.</param>
/// <param name="Reason">What the rule says and what was asked.</param>
/// <param name="Field">The request field at fault, when one is.</param>
public sealed record PolicyRefusal(string Environment, string Rule, string Reason, string? Field = null)
{
    /// <summary>The sentence a caller sees: <c>policy prod: credentials.api-key.allowed is false</c>.</summary>
    public string Detail => $"policy {Environment}: {Reason}";

    public Problem ToProblem() => new(ProblemKind.Forbidden, Detail, Field);
}
