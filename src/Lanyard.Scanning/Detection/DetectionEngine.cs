using System.Buffers;

using Lanyard.Scanning.Configuration;

namespace Lanyard.Scanning.Detection;

/// <summary>
/// The set of detectors and the keyword prefilter in front of them. A line reaches a detector only if
/// it contains one of that detector's keywords; most lines of most files contain none. UTF-8 text is
/// filtered as bytes by <see cref="Filter"/>; decoded text (UTF-16 files, base64 values) by the
/// <see cref="SearchValues{T}"/> sets.
/// </summary>
internal sealed class DetectionEngine
{
    private readonly DetectorEntry[] entries;
    private readonly HashSet<string> disabledRules;

    /// <param name="detectors">The detectors to run.</param>
    /// <param name="disabledRules">Rule ids never reported; a detector whose every rule is disabled does not run.</param>
    public DetectionEngine(IEnumerable<ISecretDetector> detectors, IEnumerable<string>? disabledRules = null)
    {
        this.disabledRules = new HashSet<string>(disabledRules ?? [], StringComparer.Ordinal);
        entries = [.. detectors
            .Where(d => d.Rules.Count == 0 || d.Rules.Any(r => !this.disabledRules.Contains(r.Id)))
            .Select(d => new DetectorEntry(d))];
        Rules = [.. entries.SelectMany(e => e.Detector.Rules).Where(r => !this.disabledRules.Contains(r.Id))];
        AnyKeyword = SearchValues.Create(
            [.. entries.SelectMany(e => e.Detector.Keywords).Distinct(StringComparer.OrdinalIgnoreCase)],
            StringComparison.OrdinalIgnoreCase);
        TokenPrefixes = [.. entries.SelectMany(e => e.Detector.CaseSensitiveKeywords)
            .Where(k => k.Length >= 4 && k[^1] is '_' or '-' or '.' && char.IsAsciiLetter(k[0]))
            .Distinct(StringComparer.Ordinal)];
        AnyCaseSensitiveKeyword = SearchValues.Create(
            [.. entries.SelectMany(e => e.Detector.CaseSensitiveKeywords).Distinct(StringComparer.Ordinal)],
            StringComparison.Ordinal);
        Filter = new KeywordFilter(entries.SelectMany((e, i) => e.Detector.Keywords.Select(k => (k, true, i))
            .Concat(e.Detector.CaseSensitiveKeywords.Select(k => (k, false, i)))));
    }

    public static DetectionEngine Default { get; } = new(DetectorCatalog.CreateAll());

    /// <summary>The built-in detectors plus the configuration's custom rules, less its disabled rules.</summary>
    public static DetectionEngine For(ScanConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.Rules.Count == 0 && configuration.DisabledRules.Count == 0)
        {
            return Default;
        }

        var custom = configuration.Rules.Select(r => new CustomRuleDetector(r));
        return new DetectionEngine([.. DetectorCatalog.CreateAll(), .. custom], configuration.DisabledRules);
    }

    public IReadOnlyList<SecretRule> Rules { get; }

    public SearchValues<string> AnyKeyword { get; }

    /// <summary>Provider token prefixes such as <c>ghp_</c> and <c>glpat-</c>; see <see cref="StartsWithTokenPrefix"/>.</summary>
    public IReadOnlyList<string> TokenPrefixes { get; }

    public SearchValues<string> AnyCaseSensitiveKeyword { get; }

    public bool IsEnabled(SecretRule rule) => disabledRules.Count == 0 || !disabledRules.Contains(rule.Id);

    public KeywordFilter Filter { get; }

    /// <summary>
    /// How many detectors there are: the length of a selection for
    /// <see cref="DetectLine(LineContext, ReadOnlySpan{bool})"/>.
    /// </summary>
    public int DetectorCount => entries.Length;

    public bool HasKeyword(ReadOnlySpan<char> text) =>
        text.IndexOfAny(AnyKeyword) >= 0 || text.IndexOfAny(AnyCaseSensitiveKeyword) >= 0;

    /// <summary>
    /// Whether a value opens with a provider's token prefix. Such a value is judged by that provider's rule
    /// alone: when its checksum or length fails there, it is not that token, and not a generic secret either.
    /// </summary>
    public bool StartsWithTokenPrefix(string value)
    {
        foreach (var prefix in TokenPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs every detector whose keywords occur in the line.</summary>
    public void DetectLine(LineContext line)
    {
        var text = line.Text.AsSpan();
        foreach (var entry in entries)
        {
            if (entry.Matches(text))
            {
                entry.Detector.Detect(line);
            }
        }
    }

    /// <summary>Runs the detectors that <see cref="KeywordFilter.SelectDetectors"/> selected for the line.</summary>
    public void DetectLine(LineContext line, ReadOnlySpan<bool> selected)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (selected[i])
            {
                entries[i].Detector.Detect(line);
            }
        }
    }

    private sealed class DetectorEntry
    {
        private readonly SearchValues<string>? keywords;
        private readonly SearchValues<string>? caseSensitiveKeywords;

        public DetectorEntry(ISecretDetector detector)
        {
            Detector = detector;
            if (detector.Keywords.Count > 0)
            {
                keywords = SearchValues.Create([.. detector.Keywords], StringComparison.OrdinalIgnoreCase);
            }

            if (detector.CaseSensitiveKeywords.Count > 0)
            {
                caseSensitiveKeywords = SearchValues.Create([.. detector.CaseSensitiveKeywords], StringComparison.Ordinal);
            }
        }

        public ISecretDetector Detector { get; }

        public bool Matches(ReadOnlySpan<char> text) =>
            (keywords is not null && text.IndexOfAny(keywords) >= 0)
            || (caseSensitiveKeywords is not null && text.IndexOfAny(caseSensitiveKeywords) >= 0);
    }
}
