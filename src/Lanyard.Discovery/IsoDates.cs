using System.Globalization;

namespace Lanyard.Discovery;

/// <summary>Reads the ISO 8601 time stamps that AWS and Kubernetes write, strictly.</summary>
internal static class IsoDates
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static bool TryParse(string text, out DateTimeOffset value) =>
        TryParseUtcSeconds(text, out value)
        || DateTimeOffset.TryParseExact(
            text,
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);

    /// <summary>
    /// The shape AWS and Kubernetes nearly always write (<c>2026-01-19T13:37:45+00:00</c> or
    /// <c>...45Z</c>), read by hand: a large credential report holds several per row.
    /// </summary>
    private static bool TryParseUtcSeconds(string text, out DateTimeOffset value)
    {
        value = default;
        var span = text.AsSpan();
        var utc = span.Length == 20 && span[19] == 'Z'
                  || span.Length == 25 && span[19..].SequenceEqual("+00:00");
        if (!utc || span[4] != '-' || span[7] != '-' || span[10] != 'T' || span[13] != ':' || span[16] != ':')
        {
            return false;
        }

        if (!int.TryParse(span[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(span[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(span[8..10], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(span[11..13], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(span[14..16], NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            || !int.TryParse(span[17..19], NumberStyles.None, CultureInfo.InvariantCulture, out var second))
        {
            return false;
        }

        // Out-of-range parts (month 19) fall through to the strict parser, which rejects them.
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year is < 1 ? 1 : year, month)
            || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    /// <summary>A calendar date (<c>2026-11-14</c>), read as midnight UTC of that day.</summary>
    public static bool TryParseDay(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            text,
            "yyyy-MM-dd",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
}
