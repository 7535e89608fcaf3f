namespace Lanyard.Core.Discovery;

/// <summary>
/// An export that can't be imported. The message names the file and where in it (line or JSON
/// path) and the field, and never quotes a secret value.
/// </summary>
public sealed class ImportException : Exception
{
    public ImportException(string file, string location, string problem)
        : base($"{file}: {location}: {problem}")
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    public ImportException()
    {
        File = Location = Problem = string.Empty;
    }

    public ImportException(string message) : base(message)
    {
        File = Location = Problem = string.Empty;
    }

    public ImportException(string message, Exception innerException) : base(message, innerException)
    {
        File = Location = Problem = string.Empty;
    }

    public string File { get; }

    /// <summary><c>line 12, column access_key_1_last_rotated</c> or a JSON path such as <c>$.items[3].data.token</c>.</summary>
    public string Location { get; }

    public string Problem { get; }
}
