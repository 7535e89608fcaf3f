using System.Text.RegularExpressions;

using Lanyard.Scanning.Filtering;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Keys with no prefix of their own: Okta API tokens, Cloudflare API tokens and global keys, Fastly,
/// Vercel and Alibaba Cloud secrets. A bare 32- or 40-char string is everywhere, so each is recognised
/// only when assigned to a name that says the service and a credential word, and only when it is random.
/// </summary>
internal sealed partial class KeyedServiceDetector() : PatternDetector(Name,
[
    .. Keyed("okta-api-token", "Okta API token", Okta(), "okta"),
    .. Keyed("cloudflare-api-token", "Cloudflare API token", CloudflareToken(), "cloudflare", "cf_"),
    .. Keyed("cloudflare-global-api-key", "Cloudflare global API key", CloudflareGlobalKey(), "cloudflare", "cf_"),
    .. Keyed("fastly-api-token", "Fastly API token", Fastly(), "fastly"),
    .. Keyed("vercel-token", "Vercel access token", Vercel(), "vercel"),
    .. Keyed("alibaba-access-key-secret", "Alibaba Cloud AccessKey secret", AlibabaSecret(), "alibaba", "aliyun", "alicloud"),
])
{
    public const string Name = "keyed";

    /// <summary>One pattern rule per keyword, since a pattern rule checks one keyword before matching.</summary>
    private static IEnumerable<PatternRule> Keyed(string id, string description, Regex pattern, params string[] keywords)
    {
        var rule = new SecretRule(id, id, description, Name);
        return keywords.Select(k => new PatternRule(rule, pattern, k, Validate: Random, KeywordIgnoresCase: true));
    }

    /// <summary>Mixed letters and digits with real spread; names, words and runs are not keys.</summary>
    private static Confidence? Random(string value) =>
        ValueShape.Entropy(value) >= 3.5 && ValueShape.CharacterClasses(value) >= 2 && !ValueShape.IsWordLike(value)
            ? Confidence.Medium
            : null;

    private const string Assign = @"[\w.\-]{0,12}?[""'\]]?\s*(?:=|:=|:|=>|,)\s*[""'`]?";

    [GeneratedRegex(@"(?i)okta[\w.\-]{0,20}?(?:token|key|secret)" + Assign + @"(?<s>00[\w=\-]{40})(?![\w=-])")]
    private static partial Regex Okta();

    [GeneratedRegex(@"(?i)(?:cloudflare|\bcf_)[\w.\-]{0,20}?(?:token|key|secret)" + Assign + @"(?<s>[A-Za-z0-9_\-]{40})(?![\w-])")]
    private static partial Regex CloudflareToken();

    [GeneratedRegex(@"(?i)(?:cloudflare|\bcf_)[\w.\-]{0,20}?(?:key|secret)" + Assign + @"(?<s>[a-f0-9]{37})(?![\w-])")]
    private static partial Regex CloudflareGlobalKey();

    [GeneratedRegex(@"(?i)fastly[\w.\-]{0,20}?(?:token|key|secret)" + Assign + @"(?<s>[A-Za-z0-9_\-]{32})(?![\w-])")]
    private static partial Regex Fastly();

    [GeneratedRegex(@"(?i)vercel[\w.\-]{0,20}?(?:token|key|secret)" + Assign + @"(?<s>[A-Za-z0-9]{24})(?![\w-])")]
    private static partial Regex Vercel();

    [GeneratedRegex(@"(?i)(?:alibaba|aliyun|alicloud)[\w.\-]{0,30}?secret" + Assign + @"(?<s>[A-Za-z0-9]{30})(?![\w-])")]
    private static partial Regex AlibabaSecret();
}
