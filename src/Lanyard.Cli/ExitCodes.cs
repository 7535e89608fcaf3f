namespace Lanyard.Cli;

/// <summary>The exit codes every command uses.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Findings were reported, a check failed, or the server could not do what was asked.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or bad input: nothing was changed.</summary>
    public const int BadInput = 2;

    /// <summary>A scan could not read everything it was asked to (unreadable files, corrupt archives or history).</summary>
    public const int Incomplete = 3;
}
