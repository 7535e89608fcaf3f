namespace Lanyard.EndToEnd.Tests;

/// <summary>What one run of the <c>lanyard</c> command did.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
