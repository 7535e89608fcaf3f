using System.Buffers;
using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Secrets with no format of their own, found as assignments to secret-sounding names in code and
/// config: <c>password = "..."</c>, <c>api_key: ...</c>, <c>&lt;add key="ClearTextPassword" value="..."/&gt;</c>,
/// <c>--token ...</c>. The name is judged by <see cref="SecretNames"/>, the value by <see cref="GenericValueGate"/>.
/// </summary>
internal sealed partial class GenericSecretDetector : ISecretDetector
{
    public const string Name = "generic";

    public static readonly SecretRule GenericPassword = new(
        "generic-password", "generic-password", "Password assigned in code or configuration", Name);

    public static readonly SecretRule GenericSecret = new(
        "generic-secret", "generic-secret", "Secret, token or API key assigned in code or configuration", Name);

    // Characters each pattern cannot match without: a line lacking them skips that pattern's regex.
    private static readonly SearchValues<char> Quotes = SearchValues.Create("\"'`");
    private static readonly SearchValues<char> AssignmentMarks = SearchValues.Create("=:");
    private static readonly SearchValues<string> XmlAdd =
        SearchValues.Create(["<add"], StringComparison.OrdinalIgnoreCase);

    public string Family => Name;

    public IReadOnlyList<SecretRule> Rules { get; } = [GenericPassword, GenericSecret];

    public IReadOnlyList<string> Keywords { get; } =
    [
        "pass", "pwd", "secret", "token", "apikey", "api_key", "api-key", "_key", "-key", ".key", "accesskey",
        "privatekey", "secretkey", "authkey", "signingkey", "encryptionkey", "masterkey", "credential",
    ];

    public IReadOnlyList<string> CaseSensitiveKeywords { get; } = [];

    public void Detect(LineContext line)
    {
        var text = line.Text;
        var span = text.AsSpan();
        var quoted = span.ContainsAny(Quotes);
        if (quoted && span.ContainsAny(AssignmentMarks))
        {
            foreach (Match match in QuotedAssignment().Matches(text))
            {
                Consider(line, match, quoted: true);
            }
        }

        if (FileFormats.AllowsUnquotedLiterals(line.Format))
        {
            var unquoted = UnquotedAssignment().Match(text);
            if (unquoted.Success)
            {
                Consider(line, unquoted, quoted: false);
            }
        }

        if (quoted && span.ContainsAny(XmlAdd))
        {
            foreach (Match match in XmlAddKeyValue().Matches(text))
            {
                Consider(line, match, quoted: true);
            }
        }

        if (span.Contains("</", StringComparison.Ordinal))
        {
            foreach (Match match in XmlElement().Matches(text))
            {
                Consider(line, match, quoted: true);
            }
        }

        if (span.Contains("--", StringComparison.Ordinal))
        {
            foreach (Match match in CommandLineFlag().Matches(text))
            {
                Consider(line, match, quoted: true);
            }
        }

        foreach (Match match in SqlPassword().Matches(text))
        {
            Consider(line, match, quoted: true, SecretNameKind.Password);
        }
    }

    private static void Consider(LineContext line, Match match, bool quoted, SecretNameKind? knownKind = null)
    {
        var kind = knownKind ?? SecretNames.Classify(match.Groups["name"].Value);
        if (kind == SecretNameKind.None)
        {
            return;
        }

        var value = match.Groups["value"];
        if (line.File.Engine.StartsWithTokenPrefix(value.Value.Trim()))
        {
            return;
        }

        if (GenericValueGate.Evaluate(value.Value, kind, quoted, line.Format) is not { } confidence)
        {
            return;
        }

        var rule = kind == SecretNameKind.Password ? GenericPassword : GenericSecret;
        line.Report(rule, value, confidence, RulePriority.Generic);
    }

    /// <summary>
    /// <c>name = "value"</c>, <c>"name": "value"</c>, <c>name := 'value'</c>, <c>:name => "value"</c>. The match
    /// starts at the operator and reads the name behind it, so the regex is tried at each operator rather
    /// than at each identifier of the line.
    /// </summary>
    [GeneratedRegex(
        @"(?<=(?<![\w.$@\-])(?<name>[A-Za-z_$@][\w.$@\-]{0,80})[""'\]]?\s*)"
        + @"(?::=|=>|\?\?=|\|\|=|=|:)\s*[@rRbBuUfF]{0,2}(?<q>[""'`])"
        + @"(?<value>[^""'`\r\n]{1,300}?)\k<q>")]
    private static partial Regex QuotedAssignment();

    /// <summary>A whole line <c>NAME=value</c> or <c>name: value</c> of a dotenv, YAML, INI or shell file.</summary>
    [GeneratedRegex(
        @"^\s*(?:-\s+)?(?:export\s+|ENV\s+|set\s+|readonly\s+|declare\s+(?:-\w+\s+)?)?"
        + @"(?<name>[A-Za-z_][\w.\-\[\]]{0,80}?)\s*(?:=|:)\s*"
        + @"(?<value>[^\s""'`]{1,300}?)\s*(?:\s[#;].*)?$")]
    private static partial Regex UnquotedAssignment();

    [GeneratedRegex(@"<add\s+key\s*=\s*""(?<name>[^""]{1,80})""\s+value\s*=\s*""(?<value>[^""]{1,300})""", RegexOptions.IgnoreCase)]
    private static partial Regex XmlAddKeyValue();

    [GeneratedRegex(@"<(?<name>[A-Za-z_][\w:.\-]{0,60})>(?<value>[^<>\r\n]{1,300})</\k<name>>")]
    private static partial Regex XmlElement();

    /// <summary>SQL that sets a login's password: <c>CREATE ROLE r WITH PASSWORD '..'</c>, <c>IDENTIFIED BY '..'</c>.</summary>
    [GeneratedRegex(@"(?i)\b(?:password|identified\s+by)\s+'(?<value>[^'\r\n]{1,300})'")]
    private static partial Regex SqlPassword();

    [GeneratedRegex(@"(?<![\w-])--(?<name>[A-Za-z][\w-]{1,40})(?:=|\s+)(?<q>[""']?)(?<value>[^\s""'`]{1,300})\k<q>(?=\s|$|[;|&)])")]
    private static partial Regex CommandLineFlag();
}
