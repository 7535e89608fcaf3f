using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Private keys: PEM blocks (PKCS#1 RSA, SEC1 EC, DSA, PKCS#8 plain and encrypted, OpenSSH, PGP), also
/// when escaped on one line as in a GCP service-account JSON, and PuTTY key files. Public keys and
/// certificates never match. The secret string is the block, lines joined by '\n' without indentation.
/// </summary>
internal sealed partial class PrivateKeyDetector : ISecretDetector
{
    public const string Name = "private-key";

    public static readonly SecretRule GcpServiceAccountKey = new(
        "gcp-service-account-key", "gcp-service-account-key", "GCP service account key (JSON)", "google");

    public static readonly SecretRule Putty = Key("private-key-putty", "PuTTY private key file");

    private static readonly SecretRule Rsa = Key("private-key-rsa", "PEM RSA private key (PKCS#1)");
    private static readonly SecretRule Ec = Key("private-key-ec", "PEM EC private key (SEC1)");
    private static readonly SecretRule Dsa = Key("private-key-dsa", "PEM DSA private key");
    private static readonly SecretRule OpenSsh = Key("private-key-openssh", "OpenSSH private key");
    private static readonly SecretRule Pkcs8 = Key("private-key-pkcs8", "PEM PKCS#8 private key");
    private static readonly SecretRule Pkcs8Encrypted = Key("private-key-pkcs8-encrypted", "Encrypted PKCS#8 private key");
    private static readonly SecretRule Pgp = Key("private-key-pgp", "PGP private key block");
    private static readonly SecretRule Other = Key("private-key", "PEM private key");

    public string Family => Name;

    public IReadOnlyList<SecretRule> Rules { get; } =
        [Rsa, Ec, Dsa, OpenSsh, Pkcs8, Pkcs8Encrypted, Pgp, Other, Putty, GcpServiceAccountKey];

    public IReadOnlyList<string> Keywords { get; } = [];

    public IReadOnlyList<string> CaseSensitiveKeywords { get; } = ["PRIVATE KEY", "PuTTY-User-Key-File-"];

    public void Detect(LineContext line)
    {
        var begin = BeginPattern().Match(line.Text);
        if (begin.Success)
        {
            DetectPem(line, begin);
            return;
        }

        var trimmed = line.Text.AsSpan().TrimStart();
        if (trimmed.StartsWith("PuTTY-User-Key-File-", StringComparison.Ordinal))
        {
            line.File.BeginBlock(new PuttyKeyBlock(line, line.Text.Length - trimmed.Length));
        }
    }

    public static SecretRule RuleFor(string type) => type.Trim() switch
    {
        "RSA" => Rsa,
        "EC" => Ec,
        "DSA" => Dsa,
        "OPENSSH" => OpenSsh,
        "" => Pkcs8,
        "ENCRYPTED" => Pkcs8Encrypted,
        "PGP" => Pgp,
        _ => Other,
    };

    private static void DetectPem(LineContext line, Match begin)
    {
        var rest = line.Text.AsSpan(begin.Index + begin.Length);
        var endIndex = rest.IndexOf("-----END ", StringComparison.Ordinal);
        if (endIndex < 0)
        {
            line.File.BeginBlock(new PemKeyBlock(line, begin.Index, begin.Value, begin.Groups["type"].Value));
            return;
        }

        // The whole block is on one line: a JSON or code string with escaped newlines.
        var endMarker = EndPattern().Match(line.Text, begin.Index + begin.Length);
        if (!endMarker.Success)
        {
            return;
        }

        var escaped = line.Text[begin.Index..(endMarker.Index + endMarker.Length)];
        var lines = escaped.Replace("\\r", string.Empty, StringComparison.Ordinal)
            .Split(["\\n", "\n"], StringSplitOptions.None)
            .Select(l => l.Trim())
            .ToList();
        var pem = PemKeyBlock.Normalize(lines);
        if (pem is null)
        {
            return;
        }

        var rule = line.Text.Contains("\"private_key\"", StringComparison.Ordinal)
            ? GcpServiceAccountKey
            : RuleFor(begin.Groups["type"].Value);
        var confidence = PemKeyBlock.IsEncrypted(pem) ? Confidence.Medium : Confidence.High;
        line.Report(rule, pem, begin.Index, escaped.Length, confidence, RulePriority.Provider);
    }

    private static SecretRule Key(string id, string description) => new(id, "private-key", description, Name);

    [GeneratedRegex("-----BEGIN (?<type>(?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----")]
    private static partial Regex BeginPattern();

    [GeneratedRegex("-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")]
    internal static partial Regex EndPattern();
}
