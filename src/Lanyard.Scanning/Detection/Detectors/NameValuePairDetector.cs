using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Environment lists that put a variable's name and value on two lines, as Kubernetes pod specs and
/// ECS task definitions do (<c>- name: DB_PASSWORD</c> then <c>value: "..."</c>). The value line is scanned
/// again by every detector as if it read <c>DB_PASSWORD: "..."</c>, with columns of the real line.
/// </summary>
internal sealed partial class NameValuePairDetector : ISecretDetector
{
    public const string Name = "name-value";

    public string Family => Name;

    public IReadOnlyList<SecretRule> Rules { get; } = [];

    public IReadOnlyList<string> Keywords { get; } = [];

    public IReadOnlyList<string> CaseSensitiveKeywords { get; } = ["name:", "\"name\""];

    public void Detect(LineContext line)
    {
        var match = NamePattern().Match(line.Text);
        if (match.Success)
        {
            line.File.BeginBlock(new Block(match.Groups["name"].Value));
        }
    }

    [GeneratedRegex(@"^\s*(?:-\s+)?(?<q>[""']?)name\k<q>\s*:\s*[""']?(?<name>[A-Za-z_][\w.\-]{0,80})[""']?\s*,?\s*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\s*(?<q>[""']?)value\k<q>\s*:\s*(?<v>\S.*?)\s*,?\s*$")]
    private static partial Regex ValuePattern();

    /// <summary>Waits for the next non-empty line; it is either this name's value or something else.</summary>
    private sealed class Block(string variable) : IPendingBlock
    {
        public bool Feed(string line, int lineNumber, FileState file)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return false;
            }

            var value = ValuePattern().Match(line);
            if (value.Success)
            {
                var start = value.Groups["v"].Index;
                var prefix = variable + ": ";
                var text = prefix + line[start..];
                var context = new LineContext(file, text, lineNumber, start - prefix.Length);
                if (file.Engine.HasKeyword(text))
                {
                    file.Engine.DetectLine(context);
                }
            }

            return true;
        }

        public void Abandon(FileState file)
        {
        }
    }
}
