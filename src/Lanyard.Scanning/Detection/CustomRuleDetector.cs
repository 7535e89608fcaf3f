using System.Text.RegularExpressions;

using Lanyard.Scanning.Configuration;
using Lanyard.Scanning.Filtering;

namespace Lanyard.Scanning.Detection;

/// <summary>
/// One rule from <c>.lanyard-scan.yaml</c>: a pattern whose named group <c>secret</c> (or whole match)
/// is the secret, run only on lines holding one of its keywords, kept only above its minimum entropy.
/// Its findings then go through the same filters as built-in ones (examples, placeholders, baseline).
/// </summary>
internal sealed class CustomRuleDetector(CustomRule rule) : ISecretDetector
{
    public const string Name = "custom";

    private readonly SecretRule secretRule = rule.ToSecretRule();

    public string Family => Name;

    public IReadOnlyList<SecretRule> Rules => [secretRule];

    public IReadOnlyList<string> Keywords => rule.Keywords;

    public IReadOnlyList<string> CaseSensitiveKeywords => [];

    public void Detect(LineContext line)
    {
        foreach (Match match in rule.Pattern.Matches(line.Text))
        {
            var group = match.Groups[CustomRule.SecretGroup];
            var secret = group.Success ? group : match;
            if (secret.Length == 0 || ValueShape.Entropy(secret.ValueSpan) < rule.MinimumEntropy)
            {
                continue;
            }

            line.Report(secretRule, secret, rule.Confidence, RulePriority.Provider);
        }
    }
}
