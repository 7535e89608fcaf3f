using System.Text.Json;
using System.Text.RegularExpressions;

using Lanyard.Scanning.Filtering;
using Lanyard.Scanning.Formats;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Signed JSON Web Tokens. A match is decoded and kept only if its header is a JSON object with an
/// <c>alg</c> other than <c>none</c> and its payload is a JSON object; the examples from jwt.io and the
/// RFCs are known and dropped.
/// </summary>
internal sealed partial class JwtDetector : ISecretDetector
{
    public const string Name = "jwt";

    private static readonly SecretRule Jwt = new("jwt", "jwt", "Signed JSON Web Token", Name);

    public string Family => Name;

    public IReadOnlyList<SecretRule> Rules { get; } = [Jwt];

    public IReadOnlyList<string> Keywords { get; } = [];

    public IReadOnlyList<string> CaseSensitiveKeywords { get; } = ["eyJ"];

    public void Detect(LineContext line)
    {
        foreach (Match match in TokenPattern().Matches(line.Text))
        {
            if (!DocumentedExamples.IsExampleJwt(match.Value) && IsSignedJwt(match.Value))
            {
                line.Report(Jwt, match.Groups[0], Confidence.High, RulePriority.Provider);
            }
        }
    }

    internal static bool IsSignedJwt(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3
            || !Base64Text.TryDecodeUrl(parts[0], out var header)
            || !Base64Text.TryDecodeUrl(parts[1], out var payload))
        {
            return false;
        }

        try
        {
            using var headerJson = JsonDocument.Parse(header);
            using var payloadJson = JsonDocument.Parse(payload);
            return headerJson.RootElement.ValueKind == JsonValueKind.Object
                && headerJson.RootElement.TryGetProperty("alg", out var alg)
                && alg.ValueKind == JsonValueKind.String
                && !string.Equals(alg.GetString(), "none", StringComparison.OrdinalIgnoreCase)
                && payloadJson.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])")]
    private static partial Regex TokenPattern();
}
