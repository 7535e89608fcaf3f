namespace Lanyard.Cli.Http;

/// <summary>A failure to tell the user in one line, with the exit code it ends the command with.</summary>
internal sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
