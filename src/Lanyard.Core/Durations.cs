using System.Globalization;

namespace Lanyard.Core;

/// <summary>Lifetimes written the way operators write them: <c>90s</c>, <c>15m</c>, <c>12h</c>, <c>30d</c>, <c>2w</c>.</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2)
        {
            return false;
        }

        var trimmed = text.Trim();
        var unit = trimmed[^1];
        if (!long.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0 || amount > 100_000)
        {
            return false;
        }

        TimeSpan? parsed = unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            'w' => TimeSpan.FromDays(amount * 7),
            _ => null,
        };
        duration = parsed ?? TimeSpan.Zero;
        return parsed is not null;
    }

    /// <summary>
    /// A measured span as people say it, to the nearest minute when it is longer than an hour: a
    /// certificate whose not-after is a second short of 30 days lives <c>30d</c>, not <c>2591999s</c>.
    /// </summary>
    public static string Approximate(TimeSpan duration) =>
        Format(duration >= TimeSpan.FromHours(1) ? TimeSpan.FromMinutes(Math.Round(duration.TotalMinutes)) : duration);

    /// <summary>The shortest exact form: <c>30d</c>, <c>36h</c>, <c>15m</c>, <c>90s</c>.</summary>
    public static string Format(TimeSpan duration) => duration switch
    {
        { TotalDays: >= 1 } when duration.Ticks % TimeSpan.TicksPerDay == 0 => $"{(long)duration.TotalDays}d",
        { TotalHours: >= 1 } when duration.Ticks % TimeSpan.TicksPerHour == 0 => $"{(long)duration.TotalHours}h",
        { TotalMinutes: >= 1 } when duration.Ticks % TimeSpan.TicksPerMinute == 0 => $"{(long)duration.TotalMinutes}m",
        _ => $"{(long)duration.TotalSeconds}s",
    };
}
