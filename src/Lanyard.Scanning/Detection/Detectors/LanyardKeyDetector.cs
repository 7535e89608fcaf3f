using System.Text.RegularExpressions;

using Lanyard.Core.Keys;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>Lanyard's own issued API keys, validated against <see cref="LanyardKeyFormat"/>.</summary>
internal sealed partial class LanyardKeyDetector() : PatternDetector(Name,
[
    new PatternRule(
        new SecretRule("lanyard-api-key", "lanyard-api-key", "Lanyard API key", Name), Key(),
        LanyardKeyFormat.Prefix, Validate: key => LanyardKeyFormat.IsValid(key) ? Confidence.High : null),
])
{
    public const string Name = "lanyard";

    [GeneratedRegex("(?<![A-Za-z0-9_])lny_[a-z0-9-]{1,63}_[A-Za-z0-9]{33,}(?![A-Za-z0-9_])")]
    private static partial Regex Key();
}
