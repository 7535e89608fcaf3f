namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>A PuTTY .ppk key (versions 2 and 3), from its header line to its <c>Private-MAC</c> line.</summary>
internal sealed class PuttyKeyBlock : IPendingBlock
{
    private const int MaxLines = 128;

    private readonly LineContext start;
    private readonly int column;
    private readonly List<string> lines;

    public PuttyKeyBlock(LineContext start, int column)
    {
        this.start = start;
        this.column = column;
        lines = [start.Text.Trim()];
    }

    public bool Feed(string line, int lineNumber, FileState file)
    {
        var text = line.Trim();
        lines.Add(text);
        if (text.StartsWith("Private-MAC:", StringComparison.Ordinal)
            || text.StartsWith("Private-Hash:", StringComparison.Ordinal))
        {
            Complete(lineNumber);
            return true;
        }

        return lines.Count >= MaxLines;
    }

    public void Abandon(FileState file)
    {
    }

    private void Complete(int endLine)
    {
        if (!lines.Exists(l => l.StartsWith("Private-Lines:", StringComparison.Ordinal)))
        {
            return;
        }

        var encrypted = !lines.Exists(l => l.Equals("Encryption: none", StringComparison.Ordinal));
        var key = string.Join('\n', lines);
        start.Report(PrivateKeyDetector.Putty, key, column, lines[0].Length,
            encrypted ? Confidence.Medium : Confidence.High, RulePriority.Provider, endLine);
    }
}
