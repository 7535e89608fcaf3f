using Lanyard.Core.Inventory;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lanyard.Core.Policy;

public static partial class PolicyReader
{
    private static readonly string[] RotationKeys = ["rotate-after", "overlap"];
    private static readonly TimeSpan LongestThreshold = TimeSpan.FromDays(3650);
    private static readonly TimeSpan LongestRotation = TimeSpan.FromDays(366);
    private static readonly TimeSpan LongestOverlap = TimeSpan.FromDays(30);
    private static readonly TimeSpan LongestSigningKeyPeriod = TimeSpan.FromDays(365);

    /// <summary>One pass over the document, collecting every error instead of stopping at the first.</summary>
    private sealed class Reader
    {
        private readonly Dictionary<PolicyCredentialKind, Dictionary<string, Mark>> _kindMarks = [];
        private readonly Dictionary<string, Mark> _rootMarks = [];

        public List<PolicyError> Errors { get; } = [];

        public EnvironmentPolicy? Root(YamlNode node)
        {
            if (node is not YamlMappingNode root)
            {
                Error(node, "the policy must be a mapping of keys such as 'environment' and 'credentials'");
                return null;
            }

            var fields = Fields(root, RootKeys, "the policy");
            foreach (var (key, value) in fields)
            {
                _rootMarks[key] = value.Start;
            }

            var environment = fields.TryGetValue("environment", out var envNode) ? EnvironmentName(envNode) : null;
            if (envNode is null)
            {
                Error(root, "'environment' is missing: name the environment the policy governs");
            }

            var policy = new EnvironmentPolicy(environment ?? string.Empty)
            {
                Credentials = fields.TryGetValue("credentials", out var kinds) ? Credentials(kinds) : new(),
                StaleAfter = Duration(fields, "stale-after", TimeSpan.FromDays(1), LongestThreshold, Unit.Days),
                RenewalWindow = Duration(fields, "renewal-window", TimeSpan.FromDays(1), LongestThreshold, Unit.Days),
                RotateAfter = Duration(fields, "rotate-after", TimeSpan.FromDays(1), LongestRotation, Unit.Days),
                Overlap = Duration(fields, "overlap", TimeSpan.Zero, LongestOverlap, Unit.Hours),
                SigningKeyRotation = Duration(fields, "signing-key-rotation", TimeSpan.FromDays(1), LongestSigningKeyPeriod, Unit.Days),
                OwnerRequired = fields.TryGetValue("owner-required", out var owner) && (Boolean(owner) ?? false),
                Identities = fields.TryGetValue("identities", out var identities) ? IdentityRules(identities) : null,
            };

            CheckContradictions(policy);
            return policy;
        }

        private string? EnvironmentName(YamlNode node)
        {
            var name = Scalar(node, "environment");
            if (name is not null && !InventoryNames.IsValidEnvironment(name))
            {
                Error(node, $"'{name}' is not an environment name: a lowercase DNS label of a-z, 0-9 and '-'");
                return null;
            }

            return name;
        }

        private Dictionary<PolicyCredentialKind, KindRules> Credentials(YamlNode node)
        {
            var rules = new Dictionary<PolicyCredentialKind, KindRules>();
            if (Mapping(node, "credentials") is not { } mapping)
            {
                return rules;
            }

            foreach (var (keyNode, value) in mapping.Children)
            {
                var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                if (!PolicyKinds.TryParse(name, out var kind))
                {
                    Error(keyNode, $"unknown credential kind '{name}'; the kinds are "
                        + string.Join(", ", PolicyKinds.All.Select(PolicyKinds.Name)));
                    continue;
                }

                rules[kind] = KindRule(kind, value);
            }

            return rules;
        }

        private KindRules KindRule(PolicyCredentialKind kind, YamlNode node)
        {
            var path = "credentials." + PolicyKinds.Name(kind);
            var fields = Mapping(node, path) is { } mapping ? Fields(mapping, KindKeys, path) : [];
            _kindMarks[kind] = fields.ToDictionary(f => f.Key, f => f.Value.Start);
            if (!PolicyKinds.IsRotated(kind))
            {
                foreach (var key in RotationKeys.Where(fields.ContainsKey))
                {
                    Error(fields[key], $"{path}.{key}: only api-key and client-secret are rotated");
                    fields.Remove(key);
                }
            }

            var ceiling = PolicyKinds.Ceiling(kind);
            var shortest = TimeSpan.FromMinutes(1);
            var rules = new KindRules
            {
                Allowed = !fields.TryGetValue("allowed", out var allowed) || (Boolean(allowed) ?? true),
                MaxLifetime = Duration(fields, "max-lifetime", shortest, ceiling, Unit.Seconds, path),
                DefaultLifetime = Duration(fields, "default-lifetime", shortest, ceiling, Unit.Seconds, path),
                RotateAfter = Duration(fields, "rotate-after", TimeSpan.FromDays(1), LongestRotation, Unit.Days, path),
                Overlap = Duration(fields, "overlap", TimeSpan.Zero, LongestOverlap, Unit.Hours, path),
            };

            if (!rules.Allowed && fields.Keys.FirstOrDefault(k => k != "allowed") is { } pointless)
            {
                Error(fields[pointless], $"{path}.{pointless} has no effect: {path}.allowed is false");
            }

            return rules;
        }

        private List<IdentityRule>? IdentityRules(YamlNode node)
        {
            if (node is not YamlSequenceNode sequence)
            {
                Error(node, "identities must be a list of rules, each with 'match'");
                return null;
            }

            var rules = new List<IdentityRule>();
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var path = $"identities[{i}]";
                if (Mapping(sequence.Children[i], path) is not { } mapping)
                {
                    continue;
                }

                var fields = Fields(mapping, IdentityKeys, path);
                if (!fields.TryGetValue("match", out var matchNode))
                {
                    Error(mapping, $"{path}.match is missing: the identity name pattern the rule applies to");
                    continue;
                }

                var match = Pattern(matchNode, $"{path}.match", NamePattern.IdentityName);
                var rule = new IdentityRule(match ?? NamePattern.IdentityName("*", out _)!)
                {
                    SpiffePaths = Patterns(fields, "spiffe-paths", path, NamePattern.SpiffePath),
                    DnsNames = Patterns(fields, "dns-names", path, NamePattern.DnsName),
                    Scopes = Patterns(fields, "scopes", path, NamePattern.Scope),
                };
                if (match is not null)
                {
                    rules.Add(rule);
                }
            }

            return rules;
        }

        private delegate NamePattern? PatternFactory(string text, out string? problem);

        private List<NamePattern> Patterns(Dictionary<string, YamlNode> fields, string key, string path, PatternFactory create)
        {
            if (!fields.TryGetValue(key, out var node))
            {
                return [];
            }

            if (node is not YamlSequenceNode sequence)
            {
                Error(node, $"{path}.{key} must be a list of patterns, such as [\"a\", \"b\"]");
                return [];
            }

            var patterns = new List<NamePattern>();
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                if (Pattern(sequence.Children[i], $"{path}.{key}[{i}]", create) is { } pattern)
                {
                    patterns.Add(pattern);
                }
            }

            return patterns;
        }

        private NamePattern? Pattern(YamlNode node, string path, PatternFactory create)
        {
            if (Scalar(node, path) is not { } text)
            {
                return null;
            }

            var pattern = create(text, out var problem);
            if (pattern is null)
            {
                Error(node, $"{path}: {problem}");
            }

            return pattern;
        }

        private enum Unit
        {
            Seconds,
            Hours,
            Days,
        }

        private TimeSpan? Duration(
            Dictionary<string, YamlNode> fields, string key, TimeSpan minimum, TimeSpan maximum, Unit unit, string? path = null)
        {
            var name = path is null ? key : $"{path}.{key}";
            if (!fields.TryGetValue(key, out var node) || Scalar(node, name) is not { } text)
            {
                return null;
            }

            if (text.TrimStart().StartsWith('-'))
            {
                Error(node, $"{name} is {text}: a duration cannot be negative");
                return null;
            }

            TimeSpan value;
            if (text.Trim() is "0" or "0s" or "0m" or "0h" or "0d")
            {
                value = TimeSpan.Zero;
            }
            else if (!Durations.TryParse(text, out value))
            {
                Error(node, $"{name} is '{text}', not a duration: write a number and a unit, such as 90s, 15m, 24h, 30d or 2w");
                return null;
            }

            if (value < minimum || value > maximum)
            {
                Error(node, $"{name} is {text}; it must lie between {Durations.Format(minimum)} and {Durations.Format(maximum)}");
                return null;
            }

            var step = unit switch { Unit.Days => TimeSpan.TicksPerDay, Unit.Hours => TimeSpan.TicksPerHour, _ => TimeSpan.TicksPerSecond };
            if (value.Ticks % step != 0)
            {
                Error(node, $"{name} is {text}; write it in whole {unit.ToString().ToLowerInvariant()}");
                return null;
            }

            return value;
        }

        private bool? Boolean(YamlNode node)
        {
            if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar)
            {
                return scalar.Value == "true";
            }

            Error(node, "expected true or false");
            return null;
        }

        private string? Scalar(YamlNode node, string path)
        {
            if (node is YamlScalarNode { Value: { } value }
                && !(node is YamlScalarNode { Style: ScalarStyle.Plain } && value is "" or "~" or "null"))
            {
                return value;
            }

            Error(node, $"{path} must be a single value");
            return null;
        }

        private YamlMappingNode? Mapping(YamlNode node, string path)
        {
            if (node is YamlMappingNode mapping)
            {
                return mapping;
            }

            Error(node, $"{path} must be a mapping of keys to values");
            return null;
        }

        private Dictionary<string, YamlNode> Fields(YamlMappingNode mapping, string[] known, string path)
        {
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                if (!known.Contains(key, StringComparer.Ordinal))
                {
                    Error(keyNode, $"unknown key '{key}' in {path}; the keys are {string.Join(", ", known)}");
                    continue;
                }

                fields[key] = value;
            }

            return fields;
        }

        /// <summary>Values that each make sense but not together: a rotation that outlives its credential, and the like.</summary>
        private void CheckContradictions(EnvironmentPolicy policy)
        {
            foreach (var (kind, rules) in policy.Credentials)
            {
                var path = "credentials." + PolicyKinds.Name(kind);
                var marks = _kindMarks.GetValueOrDefault(kind) ?? [];
                if (rules.DefaultLifetime > rules.MaxLifetime)
                {
                    Error(marks["default-lifetime"], $"{path}.default-lifetime ({Durations.Format(rules.DefaultLifetime.Value)}) "
                        + $"is longer than {path}.max-lifetime ({Durations.Format(rules.MaxLifetime.Value)})");
                }

                if (!PolicyKinds.IsRotated(kind) || !rules.Allowed)
                {
                    continue;
                }

                var rotateAfter = policy.RotateAfterFor(kind);
                var rotateMark = marks.TryGetValue("rotate-after", out var own) ? own : _rootMarks.GetValueOrDefault("rotate-after");
                var rotateName = rules.RotateAfter is null ? "rotate-after" : $"{path}.rotate-after";
                var lifetime = rules.MaxLifetime;
                if (rotateAfter is { } age && lifetime is { } longest && age >= longest)
                {
                    Error(rotateMark, $"{rotateName} ({Durations.Format(age)}) is not shorter than {path}.max-lifetime "
                        + $"({Durations.Format(longest)}): the credential would expire before it is rotated");
                }

                var overlap = policy.OverlapFor(kind);
                var overlapMark = marks.TryGetValue("overlap", out var ownOverlap) ? ownOverlap : _rootMarks.GetValueOrDefault("overlap");
                var overlapName = rules.Overlap is null ? "overlap" : $"{path}.overlap";
                if (overlap is { } window && rotateAfter is { } rotation && window >= rotation)
                {
                    Error(overlapMark, $"{overlapName} ({Durations.Format(window)}) is not shorter than {rotateName} "
                        + $"({Durations.Format(rotation)}): a credential would be rotated again before its predecessor retires");
                }
            }
        }

        private void Error(YamlNode node, string message) => Error(node.Start, message);

        private void Error(Mark mark, string message) =>
            Errors.Add(new PolicyError(Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column), message));
    }
}
