using System.Buffers;
using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection;

/// <summary>A detector made of <see cref="PatternRule"/>s: a provider family with fixed token formats.</summary>
internal abstract class PatternDetector : ISecretDetector
{
    private readonly PatternRule[] patterns;

    /// <summary>Each pattern's keyword as a vectorized search, in the order of <see cref="patterns"/>.</summary>
    private readonly SearchValues<string>[] patternKeywords;

    protected PatternDetector(string family, IEnumerable<PatternRule> patterns)
    {
        Family = family;
        this.patterns = [.. patterns];
        patternKeywords = [.. this.patterns.Select(p => SearchValues.Create(
            [p.Keyword], p.KeywordIgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))];
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
        for (var i = 0; i < patterns.Length; i++)
        {
            var pattern = patterns[i];
            if (!line.Text.AsSpan().ContainsAny(patternKeywords[i]))
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
