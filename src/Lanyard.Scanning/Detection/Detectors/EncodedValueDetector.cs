using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

using Lanyard.Scanning.Filtering;
using Lanyard.Scanning.Formats;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Secrets hidden one encoding away: hex (<c>6768705f…</c>), base64 and base64url, and percent-encoding
/// (<c>p%40ss</c>). Decoding every run of letters in every file would cost more than the rest of the scan,
/// so the keywords of every other detector are encoded too, and a line reaches this detector only when
/// it holds an encoded keyword (hex of <c>ghp_</c>, base64 of <c>password</c> at each of the three byte
/// alignments) or a percent escape of a URL delimiter. Within such a line only runs that themselves
/// hold an encoded keyword are decoded, and only decoded text (strict UTF-8, no control characters) is
/// scanned again, so a SHA-256 digest in hex, which decodes to bytes, is never mistaken for a secret.
/// Work per line is bounded (<see cref="MaxRunsPerLine"/> decodings, <see cref="DecodedContent.MaxDecodedLength"/>),
/// and lines arrive at most one scanner window long, so a minified file costs no more memory than any other.
/// </summary>
internal sealed partial class EncodedValueDetector : ISecretDetector
{
    public const string Name = "encoded";

    private const int MinimumKeyword = 4;
    private const int MaxRunsPerLine = 32;

    private static readonly string[] PercentKeywords = ["%3A%2F%2F", "%40", "%3D", "%3A", "%2F", "%22"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SearchValues<string> hexKeywords;
    private readonly SearchValues<string> base64Keywords;

    public EncodedValueDetector(IEnumerable<ISecretDetector> detectors)
    {
        var plain = detectors
            .SelectMany(d => d.Keywords.SelectMany(k => new[] { k, k.ToLowerInvariant(), k.ToUpperInvariant() })
                .Concat(d.CaseSensitiveKeywords))
            .Where(k => k.Length >= MinimumKeyword)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var hex = plain.Select(k => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(k))).Distinct().ToList();
        var base64 = plain.SelectMany(Base64Forms).Distinct(StringComparer.Ordinal).ToList();

        Keywords = [.. hex, .. PercentKeywords];
        CaseSensitiveKeywords = base64;
        hexKeywords = SearchValues.Create([.. hex], StringComparison.OrdinalIgnoreCase);
        base64Keywords = SearchValues.Create([.. base64], StringComparison.Ordinal);
    }

    public string Family => Name;

    public IReadOnlyList<SecretRule> Rules { get; } = [];

    public IReadOnlyList<string> Keywords { get; }

    public IReadOnlyList<string> CaseSensitiveKeywords { get; }

    public void Detect(LineContext line)
    {
        if (line.File.DecodeDepth >= FileState.MaxDecodeDepth)
        {
            return;
        }

        ScanRuns(line, EncodedRun().Matches(line.Text));
        if (PercentEscape().IsMatch(line.Text))
        {
            ScanRuns(line, PercentRun().Matches(line.Text));
        }
    }

    /// <summary>The keyword's base64 at each byte alignment, trimmed to the characters it alone decides.</summary>
    internal static IEnumerable<string> Base64Forms(string keyword)
    {
        var bytes = Encoding.UTF8.GetBytes(keyword);
        for (var align = 0; align < 3; align++)
        {
            var padded = new byte[align + bytes.Length];
            bytes.CopyTo(padded, align);
            var encoded = Convert.ToBase64String(padded);
            var first = ((8 * align) + 5) / 6;
            var last = 8 * (align + bytes.Length) / 6;
            if (last - first >= MinimumKeyword)
            {
                var form = encoded[first..last];
                yield return form;
                yield return form.Replace('+', '-').Replace('/', '_');
            }
        }
    }

    private void ScanRuns(LineContext line, MatchCollection matches)
    {
        var attempts = 0;
        foreach (Match run in matches)
        {
            var kind = Classify(run.ValueSpan);
            if (kind == RunKind.None)
            {
                continue;
            }

            if (++attempts > MaxRunsPerLine)
            {
                break;
            }

            if (Decode(run.ValueSpan, kind) is { } decoded)
            {
                DecodedContent.Scan(line.File, null, decoded, line.LineNumber, line.ColumnOffset + run.Index + 1, run.Length);
            }
        }
    }

    /// <summary>Which decoding a run deserves, if any: cheap checks that keep decoding to likely runs.</summary>
    private RunKind Classify(ReadOnlySpan<char> run)
    {
        if (run.Length > DecodedContent.MaxDecodedLength * 2)
        {
            return RunKind.None;
        }

        if (run.Contains('%'))
        {
            // Escapes inside a literal URL belong to its parts; the URL rules unescape those themselves.
            return run.Contains("://", StringComparison.Ordinal) ? RunKind.None : RunKind.Percent;
        }

        if (run.Length % 2 == 0 && ValueShape.IsHex(run) && run.IndexOfAny(hexKeywords) >= 0)
        {
            return RunKind.Hex;
        }

        return run.IndexOfAny(base64Keywords) >= 0 ? RunKind.Base64 : RunKind.None;
    }

    private static string? Decode(ReadOnlySpan<char> run, RunKind kind)
    {
        switch (kind)
        {
            case RunKind.Percent:
                var unescaped = Uri.UnescapeDataString(run.ToString());
                return unescaped.Length < run.Length && IsText(unescaped) ? unescaped : null;
            case RunKind.Hex:
                return AsText(Convert.FromHexString(run));
            default:
                var text = run.TrimEnd('=').ToString();
                var padded = text.Replace('-', '+').Replace('_', '/').PadRight((text.Length + 3) / 4 * 4, '=');
                return Base64Text.TryDecode(padded, out var bytes) ? AsText(bytes) : null;
        }
    }

    private static string? AsText(byte[] bytes)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return IsText(text) ? text : null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool IsText(string text) =>
        text.Length > 0 && !text.AsSpan().ContainsAnyInRange('\0', '\b') && !text.AsSpan().ContainsAnyInRange('\u000E', '\u001F');

    /// <summary>A run of base64, base64url or hex characters.</summary>
    [GeneratedRegex(@"[A-Za-z0-9+/_\-]{12,}={0,2}", RegexOptions.NonBacktracking)]
    private static partial Regex EncodedRun();

    [GeneratedRegex("%[0-9A-Fa-f]{2}")]
    private static partial Regex PercentEscape();

    /// <summary>A token holding percent escapes; linear time even on a minified line.</summary>
    [GeneratedRegex(@"[^\s""'<>`%?&=]*(?:%[0-9A-Fa-f]{2}[^\s""'<>`%?&=]*)+", RegexOptions.NonBacktracking)]
    private static partial Regex PercentRun();

    private enum RunKind
    {
        None,
        Percent,
        Hex,
        Base64,
    }
}
