namespace Lanyard.Scanning.Configuration;

/// <summary>
/// A <c>.lanyard-scan.yaml</c> that cannot be used. The message reads <c>FILE:LINE:COLUMN: problem</c>,
/// as compilers print it, so editors and CI logs link to the spot.
/// </summary>
public sealed class ScanConfigurationException : Exception
{
    public ScanConfigurationException()
    {
    }

    public ScanConfigurationException(string message)
        : base(message)
    {
    }

    public ScanConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScanConfigurationException(string file, long line, long column, string problem, Exception? inner = null)
        : base($"{file}:{line}:{column}: {problem}", inner)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string? File { get; }

    public long Line { get; }

    public long Column { get; }

    public string? Problem { get; }
}
