using System.Text.RegularExpressions;

using Lanyard.Scanning.Filtering;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Datadog API keys (32 hex) and application keys (40 hex). Bare hex is everywhere (hashes, zone ids),
/// so a Datadog key is only recognised under a name that says Datadog.
/// </summary>
internal sealed partial class DatadogDetector() : PatternDetector(Name,
[
    .. Keyed("datadog-api-key", "Datadog API key", ApiKey(), "datadog", "dd_api", "dd-api", "ddapi"),
    .. Keyed("datadog-app-key", "Datadog application key", AppKey(), "datadog", "dd_app", "dd-app", "ddapp"),
])
{
    public const string Name = "datadog";

    private static IEnumerable<PatternRule> Keyed(string id, string description, Regex pattern, params string[] keywords)
    {
        var rule = new SecretRule(id, id, description, Name);
        return keywords.Select(k => new PatternRule(rule, pattern, k, Validate: RandomHex, KeywordIgnoresCase: true));
    }

    private static Confidence? RandomHex(string key) => ValueShape.Entropy(key) >= 3.0 ? Confidence.High : null;

    [GeneratedRegex(
        @"(?i)(?:datadog|\bdd)[\w.\-]{0,30}?api[\w.\-]{0,10}?key[\w.\-]{0,10}?[""']?\s*(?:=|:|=>)\s*[""']?(?<s>[a-f0-9]{32})(?![a-z0-9])")]
    private static partial Regex ApiKey();

    [GeneratedRegex(
        @"(?i)(?:datadog|\bdd)[\w.\-]{0,30}?app(?:lication)?[\w.\-]{0,10}?key[\w.\-]{0,10}?"
        + @"[""']?\s*(?:=|:|=>)\s*[""']?(?<s>[a-f0-9]{40})(?![a-z0-9])")]
    private static partial Regex AppKey();
}
