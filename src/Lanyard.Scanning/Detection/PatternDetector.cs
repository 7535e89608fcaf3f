using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection;

/// <summary>A detector made of <see cref="PatternRule"/>s: a provider family with fixed token formats.</summary>
internal abstract class PatternDetector : ISecretDetector
{
    private readonly PatternRule[] patterns;

    protected PatternDetector(string family, IEnumerable<PatternRule> patterns)
    {
        Family = family;
        this.patterns = [.. patterns];
        Rules = [.. this.patterns.Select(p => p.Rule).DistinctBy(r => r.Id)];
        Keywords = [.. this.patterns.Where(p => p.KeywordIgnoresCase).Select(p => p.Keyword).Distinct()];
        CaseSensitiveKeywords = [.. this.patterns.Where(p => !p.KeywordIgnoresCase).Select(p => p.Keyword).Distinct()];
    }

    public string Family { get; }

    public IReadOnlyList<SecretRule> Rules { get; }

    public IReadOnlyList<string> Keywords { get; }

    public IReadOnlyList<string> CaseSensitiveKeywords { get; }

    public virtual void Detect(LineContext line)
    {
        foreach (var pattern in patterns)
        {
            var comparison = pattern.KeywordIgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (!line.Text.Contains(pattern.Keyword, comparison))
            {
                continue;
            }

            foreach (Match match in pattern.Pattern.Matches(line.Text))
            {
                var group = match.Groups[PatternRule.SecretGroup];
                var secret = group.Success ? group : match;
                var confidence = pattern.Validate is null ? pattern.Confidence : pattern.Validate(secret.Value);
                if (confidence is { } accepted)
                {
                    line.Report(pattern.Rule, secret, accepted, pattern.Priority);
                }
            }
        }
    }

    protected static SecretRule Rule(string id, string kind, string description, string family) =>
        new(id, kind, description, family);
}
