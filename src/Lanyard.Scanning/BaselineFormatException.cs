namespace Lanyard.Scanning;

/// <summary>A baseline file that cannot be read; says which file and, when known, which line.</summary>
public sealed class BaselineFormatException : Exception
{
    public BaselineFormatException()
    {
    }

    public BaselineFormatException(string message)
        : base(message)
    {
    }

    public BaselineFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BaselineFormatException(string source, long? line, string problem, Exception? inner = null)
        : base(line is null ? $"{source}: {problem}" : $"{source}, line {line}: {problem}", inner)
    {
        Source = source;
        Line = line;
    }

    public long? Line { get; }
}
