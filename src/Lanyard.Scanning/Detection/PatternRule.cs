using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection;

/// <summary>
/// A rule that is one regular expression: the named group <c>s</c> (or the whole match) is the secret.
/// <see cref="Validate"/> may reject a match (null) or set its confidence.
/// </summary>
internal sealed record PatternRule(
    SecretRule Rule,
    Regex Pattern,
    string Keyword,
    Confidence Confidence = Confidence.High,
    Func<string, Confidence?>? Validate = null,
    bool KeywordIgnoresCase = false,
    RulePriority Priority = RulePriority.Provider)
{
    public const string SecretGroup = "s";
}
