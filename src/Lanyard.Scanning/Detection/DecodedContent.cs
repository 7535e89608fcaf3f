using Lanyard.Scanning.Formats;

namespace Lanyard.Scanning.Detection;

/// <summary>
/// Scans text found base64-encoded inside a file. Findings keep the decoded secret string but point at
/// the encoded value's line and column. Depth is bounded by <see cref="FileState.MaxDecodeDepth"/>.
/// </summary>
internal static class DecodedContent
{
    /// <summary>Decoded values longer than this are skipped: secrets are small, and memory stays bounded.</summary>
    private const int MaxDecodedLength = 64 * 1024;

    public static void Scan(FileState parent, string name, string base64, int line, int column)
    {
        if (parent.DecodeDepth >= FileState.MaxDecodeDepth || base64.Length > MaxDecodedLength * 4 / 3
            || !Base64Text.TryDecodeText(base64, out var decoded))
        {
            return;
        }

        // A one-line value is scanned as "name: value" so name-driven detectors still see the name.
        var multiLine = decoded.Contains('\n', StringComparison.Ordinal);
        var text = multiLine ? decoded : $"{name}: {decoded}";
        var format = multiLine ? FileFormats.FromPath(name) : FileFormat.Yaml;
        var child = new FileState(parent.Path, parent.Engine, format) { DecodeDepth = parent.DecodeDepth + 1 };

        var number = 0;
        foreach (var decodedLine in text.Split('\n'))
        {
            number++;
            var lineText = decodedLine.TrimEnd('\r');
            if (child.HasPendingBlocks)
            {
                child.FeedPendingBlocks(lineText, number);
            }

            if (parent.Engine.HasKeyword(lineText))
            {
                parent.Engine.DetectLine(new LineContext(child, lineText, number));
            }
        }

        child.AbandonPendingBlocks();
        foreach (var candidate in child.Candidates)
        {
            parent.Candidates.Add(candidate with
            {
                Line = line,
                EndLine = line,
                Column = column,
                SourceLength = base64.Length,
                FromDecoded = true,
            });
        }
    }
}
