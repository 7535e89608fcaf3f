namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>The lines of a PEM private key after its BEGIN line, collected until the END line.</summary>
internal sealed class PemKeyBlock : IPendingBlock
{
    /// <summary>An RSA 16384-bit key is about 210 lines; anything longer is not one PEM block.</summary>
    private const int MaxLines = 256;

    /// <summary>Less base64 than this is a truncated example (<c>...</c>), not a key.</summary>
    private const int MinBodyLength = 64;

    private readonly LineContext start;
    private readonly int column;
    private readonly string type;
    private readonly List<string> lines;

    public PemKeyBlock(LineContext start, int column, string beginMarker, string type)
    {
        this.start = start;
        this.column = column;
        this.type = type;
        lines = [beginMarker];
    }

    public bool Feed(string line, int lineNumber, FileState file)
    {
        var text = Unwrap(line);
        var end = PrivateKeyDetector.EndPattern().Match(text);
        if (end.Success)
        {
            lines.Add(text[..(end.Index + end.Length)].Trim());
            Complete(lineNumber);
            return true;
        }

        if (lines.Count >= MaxLines || !IsBodyLine(text))
        {
            return true;
        }

        lines.Add(text);
        return false;
    }

    public void Abandon(FileState file)
    {
    }

    /// <summary>Joins validated PEM lines with '\n'; null when the body is not a plausible key.</summary>
    public static string? Normalize(IReadOnlyList<string> lines)
    {
        var body = 0;
        for (var i = 1; i < lines.Count - 1; i++)
        {
            if (lines[i].Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            if (!IsBase64Line(lines[i]))
            {
                return null;
            }

            body += lines[i].Length;
        }

        return body < MinBodyLength ? null : string.Join('\n', lines);
    }

    public static bool IsEncrypted(string pem) =>
        pem.Contains("ENCRYPTED", StringComparison.Ordinal) || pem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal);

    private void Complete(int endLine)
    {
        var pem = Normalize(lines);
        if (pem is null)
        {
            return;
        }

        var confidence = IsEncrypted(pem) ? Confidence.Medium : Confidence.High;
        start.Report(PrivateKeyDetector.RuleFor(type), pem, column, lines[0].Length, confidence,
            RulePriority.Provider, endLine);
    }

    /// <summary>Strips indentation, and the quotes and escapes of a key pasted into a code string.</summary>
    private static string Unwrap(string line)
    {
        var text = line.Trim();
        if (text.Length > 0 && text[0] is '"' or '\'')
        {
            text = text[1..];
        }

        // A '+' after the closing quote concatenates strings; one without a quote is base64 and
        // stays, or the key's fingerprint would not be the key's.
        var beforeOperator = text.TrimEnd('+', ',', ';', ' ', '\t');
        if (beforeOperator.Length > 0 && beforeOperator[^1] is '"' or '\'')
        {
            text = beforeOperator.TrimEnd('"', '\'');
        }

        return text.EndsWith("\\n", StringComparison.Ordinal) ? text[..^2] : text;
    }

    private static bool IsBodyLine(string text) => text.Length == 0 || text.Contains(':', StringComparison.Ordinal)
        || IsBase64Line(text);

    private static bool IsBase64Line(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '/' or '='))
            {
                return false;
            }
        }

        return true;
    }
}
