using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>Monitoring ingest and API keys with prefixes of their own: New Relic insert and browser keys, Dynatrace.</summary>
internal sealed partial class ObservabilityDetector() : PatternDetector(Name,
[
    Token("newrelic-insert-key", "New Relic Insights insert key", NewRelicInsert(), "NRII-"),
    Token("newrelic-browser-api-key", "New Relic browser ingest API key", NewRelicBrowser(), "NRJS-"),
    Token("dynatrace-api-token", "Dynatrace API token", Dynatrace(), "dt0c01."),
])
{
    public const string Name = "observability";

    private static PatternRule Token(string id, string description, Regex pattern, string prefix) =>
        new(new SecretRule(id, id, description, Name), pattern, prefix);

    [GeneratedRegex("(?<![A-Za-z0-9_-])NRII-[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])")]
    private static partial Regex NewRelicInsert();

    [GeneratedRegex("(?<![A-Za-z0-9_-])NRJS-[a-f0-9]{19}(?![A-Za-z0-9_-])")]
    private static partial Regex NewRelicBrowser();

    /// <summary>A public token id of 24 chars and a secret of 64, both upper-case base32-like.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}(?![A-Za-z0-9_.-])")]
    private static partial Regex Dynatrace();
}
