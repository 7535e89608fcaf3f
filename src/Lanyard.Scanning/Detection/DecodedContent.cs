using Lanyard.Scanning.Formats;

namespace Lanyard.Scanning.Detection;

/// <summary>
/// Scans text found encoded inside a file (base64, hex, percent-encoding). Findings keep the decoded
/// secret string but point at the encoded value's line and column. Depth is bounded by
/// <see cref="FileState.MaxDecodeDepth"/>, size by <see cref="MaxDecodedLength"/>.
/// </summary>
internal static class DecodedContent
{
    /// <summary>Decoded values longer than this are skipped: secrets are small, and memory stays bounded.</summary>
    public const int MaxDecodedLength = 64 * 1024;

    /// <summary>Decodes a base64 value under a key (a Kubernetes Secret's data) and scans it.</summary>
    public static void ScanBase64(FileState parent, string name, string base64, int line, int column)
    {
        if (parent.DecodeDepth >= FileState.MaxDecodeDepth || base64.Length > MaxDecodedLength * 4 / 3
            || !Base64Text.TryDecodeText(base64, out var decoded))
        {
            return;
        }

        Scan(parent, name, decoded, line, column, base64.Length);
    }

    /// <summary>
    /// Scans decoded text. A one-line value with a <paramref name="name"/> is scanned as <c>name: value</c>
    /// so name-driven detectors still see the name.
    /// </summary>
    public static void Scan(FileState parent, string? name, string decoded, int line, int column, int sourceLength)
    {
        var multiLine = decoded.Contains('\n', StringComparison.Ordinal);
        var text = multiLine || name is null ? decoded : $"{name}: {decoded}";
        var format = multiLine && name is not null ? FileFormats.FromPath(name) : name is null ? parent.Format : FileFormat.Yaml;
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
                SourceLength = sourceLength,
                FromDecoded = true,
            });
        }
    }
}
