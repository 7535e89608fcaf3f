using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Base64 values under a YAML <c>data:</c> or <c>binaryData:</c> map, as in Kubernetes Secrets. Each
/// value is decoded and scanned again with every detector, under its key name, so a decoded token or
/// password is found with the decoded value as its secret and the encoded value as its location.
/// </summary>
internal sealed partial class KubernetesDataDetector : ISecretDetector
{
    public const string Name = "kubernetes";

    public string Family => Name;

    public IReadOnlyList<SecretRule> Rules { get; } = [];

    public IReadOnlyList<string> Keywords { get; } = ["data:"];

    public IReadOnlyList<string> CaseSensitiveKeywords { get; } = [];

    public void Detect(LineContext line)
    {
        if (line.Format != FileFormat.Yaml || line.File.DecodeDepth >= FileState.MaxDecodeDepth)
        {
            return;
        }

        var match = DataKeyPattern().Match(line.Text);
        if (match.Success)
        {
            line.File.BeginBlock(new Block(match.Groups["indent"].Length));
        }
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?:data|binaryData):\s*(?:#.*)?$")]
    private static partial Regex DataKeyPattern();

    [GeneratedRegex(@"^(?<indent>\s*)(?<key>[\w.\-]+):\s*[""']?(?<v>[A-Za-z0-9+/]{8,}={0,2})[""']?\s*(?:#.*)?$")]
    private static partial Regex EntryPattern();

    private sealed class Block(int dataIndent) : IPendingBlock
    {
        public bool Feed(string line, int lineNumber, FileState file)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return false;
            }

            var entry = EntryPattern().Match(line);
            if (!entry.Success)
            {
                return line.Length - line.AsSpan().TrimStart().Length <= dataIndent;
            }

            if (entry.Groups["indent"].Length <= dataIndent)
            {
                return true;
            }

            if (InlineAllow.IsAllowed(line))
            {
                return false;
            }

            var value = entry.Groups["v"];
            DecodedContent.ScanBase64(file, entry.Groups["key"].Value, value.Value, lineNumber, value.Index + 1);
            return false;
        }

        public void Abandon(FileState file)
        {
        }
    }
}
