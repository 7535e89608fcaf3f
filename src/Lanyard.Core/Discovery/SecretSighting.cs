using System.Security.Cryptography;
using System.Text;

namespace Lanyard.Core.Discovery;

/// <summary>
/// One place a scanner reported a hardcoded secret: which secret (by fingerprint only), which rule
/// found it, and where. The secret itself is never held. The same secret, source, path, line,
/// commit and layer are one sighting, however often they are reported.
/// </summary>
public sealed class SecretSighting
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Lowercase hex SHA-256 of what identifies the sighting; see <see cref="KeyOf"/>.</summary>
    public required string SightingKey { get; set; }

    /// <summary>Lowercase hex SHA-256 of the secret's UTF-8 bytes, as the inventory fingerprints it.</summary>
    public required string Fingerprint { get; set; }

    public required string RuleId { get; set; }

    /// <summary>The scanner's kind of secret, such as <c>aws-access-key-id</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>What was scanned, as the reporter names it: a repository, an image, a host's folder.</summary>
    public required string Source { get; set; }

    /// <summary>Path inside <see cref="Source"/>, with '/' separators.</summary>
    public required string Path { get; set; }

    public int Line { get; set; }

    public int Column { get; set; }

    /// <summary>The git commit that introduced the secret, for history scans.</summary>
    public string? Commit { get; set; }

    public DateTimeOffset? CommitTime { get; set; }

    /// <summary>The image layer holding the file, for container image scans.</summary>
    public string? Layer { get; set; }

    public SightingConfidence Confidence { get; set; }

    public DateTimeOffset FirstReportedAt { get; set; }

    public DateTimeOffset LastReportedAt { get; set; }

    /// <summary>The principal that reported it last.</summary>
    public required string ReportedBy { get; set; }

    /// <summary>
    /// When a complete scan of the source no longer found the secret here; null while it is still
    /// there. A later report of the same place opens it again.
    /// </summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>
    /// The key that makes a report idempotent. Each part is length-prefixed, so no two different
    /// tuples hash alike however their text is cut.
    /// </summary>
    public static string KeyOf(string fingerprint, string source, string path, int line, string? commit, string? layer)
    {
        var lineText = line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        foreach (var part in new[] { fingerprint, source, path, lineText, commit ?? "", layer ?? "" })
        {
            text.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
