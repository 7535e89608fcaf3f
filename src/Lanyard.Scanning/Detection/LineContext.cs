using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection;

/// <summary>One line (or one window of a very long line) handed to the detectors, and where they report.</summary>
internal sealed class LineContext
{
    private readonly int columnOffset;
    private bool? allowed;

    public LineContext(FileState file, string text, int lineNumber, int columnOffset = 0)
    {
        File = file;
        Text = text;
        LineNumber = lineNumber;
        this.columnOffset = columnOffset;
    }

    public FileState File { get; }

    public string Text { get; }

    public int LineNumber { get; }

    /// <summary>Where <see cref="Text"/> starts in its line: non-zero for the later windows of a very long line.</summary>
    public int ColumnOffset => columnOffset;

    public FileFormat Format => File.Format;

    /// <summary>Whether the line carries a <c>lanyard:allow</c> comment; findings on it are dropped.</summary>
    public bool IsAllowedInline() => allowed ??= InlineAllow.IsAllowed(Text);

    public void Report(SecretRule rule, Group group, Confidence confidence, RulePriority priority) =>
        Report(rule, group.Value, group.Index, group.Length, confidence, priority);

    public void Report(
        SecretRule rule, string secret, int index, int length, Confidence confidence, RulePriority priority,
        int? endLine = null, int? pairedLine = null)
    {
        if (!File.Engine.IsEnabled(rule) || IsAllowedInline())
        {
            return;
        }

        var column = columnOffset + index + 1;
        File.Candidates.Add(new SecretCandidate
        {
            Rule = rule,
            Secret = secret,
            Line = LineNumber,
            Column = column,
            EndLine = endLine ?? LineNumber,
            Confidence = confidence,
            Priority = priority,
            SourceLength = length,
            PairedLine = pairedLine,
        });
    }
}
