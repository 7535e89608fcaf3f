namespace Lanyard.Core.Policy;

/// <summary>One thing wrong with a policy file, at a 1-based line and column.</summary>
public sealed record PolicyError(int Line, int Column, string Message)
{
    public override string ToString() => $"{Line}:{Column}: {Message}";
}
