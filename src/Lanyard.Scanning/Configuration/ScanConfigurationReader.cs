using System.Globalization;
using System.Text.RegularExpressions;

using Lanyard.Scanning.Detection;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lanyard.Scanning.Configuration;

/// <summary>
/// Reads <c>.lanyard-scan.yaml</c> strictly: unknown keys, wrong types, bad patterns, duplicate or
/// unknown rule ids are errors naming the file, line and column, never silently ignored.
/// </summary>
public static partial class ScanConfigurationReader
{
    public const int FormatVersion = 1;

    private static readonly string[] RootKeys = ["version", "rules", "disabledRules", "excludePaths", "allowedFingerprints"];
    private static readonly string[] RuleKeys = ["id", "description", "kind", "pattern", "keywords", "minEntropy", "confidence"];
    private static readonly string[] AllowKeys = ["fingerprint", "reason"];

    public static ScanConfiguration Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);

        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw Error(source, e.Start, YamlProblem(e), e);
        }

        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return new ScanConfiguration { Source = source };
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(source, stream.Documents[1].RootNode.Start, "only one YAML document is allowed");
        }

        return new Parser(source).Root(stream.Documents[0].RootNode);
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private static string YamlProblem(YamlException e)
    {
        // YamlDotNet prefixes its messages with the marks; the caller prints them as FILE:LINE:COLUMN.
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        var colon = message.IndexOf("): ", StringComparison.Ordinal);
        return "invalid YAML: " + (colon >= 0 ? message[(colon + 3)..] : message).TrimEnd('.');
    }

    private static ScanConfigurationException Error(string source, Mark at, string problem, Exception? inner = null) =>
        new(source, at.Line, at.Column, problem, inner);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex FingerprintPattern();

    /// <summary>The parse of one file, carrying its name into every error.</summary>
    private sealed class Parser(string source)
    {
        private readonly HashSet<string> builtInIds = [.. DetectionEngine.Default.Rules.Select(r => r.Id)];

        public ScanConfiguration Root(YamlNode node)
        {
            var root = Mapping(node, "the configuration");
            var fields = Fields(root, RootKeys, "the configuration");

            if (fields.TryGetValue("version", out var version) && Integer(version, "version") != FormatVersion)
            {
                throw Fail(version, $"version must be {FormatVersion}");
            }

            var rules = fields.TryGetValue("rules", out var rulesNode)
                ? Sequence(rulesNode, "rules").Select(CustomRule).ToList()
                : [];
            RejectDuplicateIds(rulesNode, rules);

            var known = builtInIds.Concat(rules.Select(r => r.Id)).ToHashSet(StringComparer.Ordinal);
            var disabled = fields.TryGetValue("disabledRules", out var disabledNode)
                ? Sequence(disabledNode, "disabledRules").Select(n => KnownRuleId(n, known)).ToList()
                : [];
            var exclude = fields.TryGetValue("excludePaths", out var excludeNode)
                ? Sequence(excludeNode, "excludePaths").Select(n => Text(n, "an excludePaths entry")).ToList()
                : [];
            var allowed = fields.TryGetValue("allowedFingerprints", out var allowedNode)
                ? Sequence(allowedNode, "allowedFingerprints").Select(Allowed).ToList()
                : [];

            return new ScanConfiguration
            {
                Source = source,
                Rules = rules,
                DisabledRules = disabled,
                ExcludePaths = exclude,
                AllowedFingerprints = allowed,
            };
        }

        private CustomRule CustomRule(YamlNode node)
        {
            var fields = Fields(Mapping(node, "a rule"), RuleKeys, "a rule");
            var idNode = Required(fields, "id", node, "a rule");
            var id = Text(idNode, "id");
            if (!RuleIdPattern().IsMatch(id))
            {
                throw Fail(idNode, $"rule id '{id}' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }

            if (builtInIds.Contains(id))
            {
                throw Fail(idNode, $"rule id '{id}' is already a built-in rule; choose another id");
            }

            var what = $"rule '{id}'";
            var keywordsNode = Required(fields, "keywords", node, what);
            var keywords = Sequence(keywordsNode, $"keywords of {what}").Select(k => Text(k, "a keyword")).ToList();
            if (keywords.Count == 0 || keywords.Exists(k => k.Trim().Length == 0))
            {
                throw Fail(keywordsNode, $"{what} needs at least one non-empty keyword: the pattern only runs on lines holding one");
            }

            return new CustomRule(
                id,
                fields.TryGetValue("description", out var description) ? Text(description, "description") : $"Custom rule {id}",
                fields.TryGetValue("kind", out var kind) ? Text(kind, "kind") : id,
                Pattern(Required(fields, "pattern", node, what), what),
                keywords,
                fields.TryGetValue("minEntropy", out var entropy) ? Entropy(entropy) : 0,
                fields.TryGetValue("confidence", out var confidence) ? ConfidenceLevel(confidence) : Confidence.Medium);
        }

        private Regex Pattern(YamlNode node, string what)
        {
            var text = Text(node, "pattern");
            try
            {
                // Linear-time matching: a pattern from a config file can never stall a scan.
                return new Regex(text, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            }
            catch (RegexParseException e)
            {
                throw Fail(node, $"the pattern of {what} is not a valid regular expression at offset {e.Offset}: {e.Error}", e);
            }
            catch (NotSupportedException e)
            {
                throw Fail(node, $"the pattern of {what} uses a construct that linear-time matching does not support "
                    + "(lookarounds, backreferences, atomic groups, conditionals): " + e.Message, e);
            }
        }

        private double Entropy(YamlNode node)
        {
            var text = Text(node, "minEntropy");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 8)
            {
                throw Fail(node, $"minEntropy must be a number from 0 to 8 (bits per character), not '{text}'");
            }

            return value;
        }

        private Confidence ConfidenceLevel(YamlNode node) => Text(node, "confidence") switch
        {
            "low" => Confidence.Low,
            "medium" => Confidence.Medium,
            "high" => Confidence.High,
            var other => throw Fail(node, $"confidence must be low, medium or high, not '{other}'"),
        };

        private AllowedFingerprint Allowed(YamlNode node)
        {
            if (node is YamlScalarNode)
            {
                return new AllowedFingerprint(Fingerprint(node), null);
            }

            var fields = Fields(Mapping(node, "an allowedFingerprints entry"), AllowKeys, "an allowedFingerprints entry");
            var fingerprint = Fingerprint(Required(fields, "fingerprint", node, "an allowedFingerprints entry"));
            return new AllowedFingerprint(fingerprint, fields.TryGetValue("reason", out var reason) ? Text(reason, "reason") : null);
        }

        private string Fingerprint(YamlNode node)
        {
            var text = Text(node, "fingerprint");
            return FingerprintPattern().IsMatch(text)
                ? text.ToLowerInvariant()
                : throw Fail(node, $"'{text}' is not a fingerprint: expected 64 hex digits (a SHA-256, as reports print it)");
        }

        private string KnownRuleId(YamlNode node, HashSet<string> known)
        {
            var id = Text(node, "a rule id");
            return known.Contains(id) ? id
                : throw Fail(node, $"disabledRules names '{id}', which is no rule; see 'lanyard scan --list-rules'");
        }

        private void RejectDuplicateIds(YamlNode? rulesNode, List<CustomRule> rules)
        {
            if (rulesNode is not YamlSequenceNode sequence)
            {
                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < rules.Count; i++)
            {
                if (!seen.Add(rules[i].Id))
                {
                    throw Fail(sequence.Children[i], $"rule id '{rules[i].Id}' is defined twice");
                }
            }
        }

        private Dictionary<string, YamlNode> Fields(YamlMappingNode mapping, string[] allowed, string what)
        {
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = Text(keyNode, "a key");
                if (!allowed.Contains(key, StringComparer.Ordinal))
                {
                    throw Fail(keyNode, $"unknown key '{key}' in {what}; expected one of: {string.Join(", ", allowed)}");
                }

                if (!fields.TryAdd(key, value))
                {
                    throw Fail(keyNode, $"key '{key}' appears twice in {what}");
                }
            }

            return fields;
        }

        private YamlNode Required(Dictionary<string, YamlNode> fields, string key, YamlNode owner, string what) =>
            fields.TryGetValue(key, out var value) ? value : throw Fail(owner, $"{what} has no '{key}'");

        private YamlMappingNode Mapping(YamlNode node, string what) =>
            node as YamlMappingNode ?? throw Fail(node, $"{what} must be a mapping of keys to values, not {Describe(node)}");

        private IEnumerable<YamlNode> Sequence(YamlNode node, string what) => node switch
        {
            YamlSequenceNode sequence => sequence.Children,
            _ when IsNull(node) => [],
            _ => throw Fail(node, $"{what} must be a list, not {Describe(node)}"),
        };

        private string Text(YamlNode node, string what) =>
            node is YamlScalarNode { Value: { } value } && !IsNull(node)
                ? value
                : throw Fail(node, $"{what} must be a text value, not {Describe(node)}");

        private int Integer(YamlNode node, string what)
        {
            var text = Text(node, what);
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Fail(node, $"{what} must be a whole number, not '{text}'");
        }

        private static string Describe(YamlNode node) => node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a list",
            _ when IsNull(node) => "empty",
            YamlScalarNode scalar => $"'{scalar.Value}'",
            _ => node.NodeType.ToString(),
        };

        private ScanConfigurationException Fail(YamlNode node, string problem, Exception? inner = null) =>
            Error(source, node.Start, problem, inner);
    }
}
