using System.Text.Json;

using Lanyard.Core.Posture;

namespace Lanyard.Discovery.Tests;

/// <summary>One row of <c>expected-findings.json</c>, and whether an actual finding is the one it describes.</summary>
internal sealed record ExpectedFinding(
    string Kind, IReadOnlyList<string> Environments, string Subject, string? Fingerprint, int? Occurrences)
{
    public static List<ExpectedFinding> Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var findings = new List<ExpectedFinding>();
        foreach (var item in document.RootElement.GetProperty("findings").EnumerateArray())
        {
            var evidence = item.GetProperty("evidence");
            var fingerprint = Text(evidence, "spki_sha256") ?? Text(evidence, "sha256");
            int? occurrences = evidence.TryGetProperty("occurrences", out var list) ? list.GetArrayLength() : null;

            findings.Add(new ExpectedFinding(
                item.GetProperty("kind").GetString()!,
                item.GetProperty("environment").GetString()!.Split(',').Order(StringComparer.Ordinal).ToList(),
                item.GetProperty("object").GetString()!,
                fingerprint,
                occurrences));
        }

        return findings;
    }

    public static string KindName(FindingKind kind) => kind switch
    {
        FindingKind.Orphaned => "orphaned",
        FindingKind.Stale => "stale",
        FindingKind.Expiring => "expiring",
        FindingKind.Expired => "expired",
        FindingKind.ReusedAcrossEnvironments => "reused-across-environments",
        FindingKind.WeakKey => "weak-key",
        _ => kind.ToString(),
    };

    public static IReadOnlyList<string> EnvironmentsOf(Finding finding) =>
        finding.Occurrences.Count > 0
            ? finding.Occurrences.Select(o => o.Environment).Distinct().Order(StringComparer.Ordinal).ToList()
            : [finding.Environment];

    public static string Describe(Finding f) =>
        $"{KindName(f.Kind)} [{string.Join(",", EnvironmentsOf(f))}] identity={f.IdentityName} "
        + $"credential={f.CredentialName} fingerprint={f.Fingerprint} ({f.Reason})";

    public bool Matches(Finding finding)
    {
        if (KindName(finding.Kind) != Kind || !EnvironmentsOf(finding).SequenceEqual(Environments))
        {
            return false;
        }

        if (Fingerprint is not null && finding.Fingerprint != Fingerprint)
        {
            return false;
        }

        if (Occurrences is { } count && finding.Occurrences.Count != count)
        {
            return false;
        }

        return MatchesObject(finding);
    }

    private bool MatchesObject(Finding finding)
    {
        var names = finding.Occurrences.Select(o => o.CredentialName).Append(finding.CredentialName ?? string.Empty);
        return Subject.Split(' ', 2) switch
        {
            ["ServiceAccount", var name] => finding.IdentityName == name,
            ["IAM", var rest] when rest.StartsWith("user ", StringComparison.Ordinal) =>
                MatchesIamKey(finding, rest[5..]),
            ["Secret", var rest] when rest.Contains(" (", StringComparison.Ordinal) =>
                IsKeyOfSecret(finding.CredentialName, rest[..rest.IndexOf(" (", StringComparison.Ordinal)]),
            ["Secret", _] => names.Any(n => n == Subject),
            ["AWS", var rest] => names.Any(n => n.Contains(rest.Split(' ')[^1], StringComparison.Ordinal)),
            _ => false,
        };
    }

    /// <summary>Any key of the secret: a certificate's object names the secret and its type only.</summary>
    private static bool IsKeyOfSecret(string? credentialName, string secret) =>
        credentialName?.StartsWith($"Secret {secret} key ", StringComparison.Ordinal) == true;

    /// <summary><c>svc-x, access key AKIA…</c>: the user's identity, and the key id in the credential name.</summary>
    private static bool MatchesIamKey(Finding finding, string userAndKey)
    {
        var parts = userAndKey.Split(", access key ");
        return finding.IdentityName == parts[0]
               && finding.CredentialName?.Contains(parts[1], StringComparison.Ordinal) == true;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public override string ToString() => $"{Kind} [{string.Join(",", Environments)}] {Subject}";
}
