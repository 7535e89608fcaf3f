using Lanyard.Core;

namespace Lanyard.Store.Pki;

/// <summary>
/// How long X.509-SVIDs live: the default when a request names no <c>ttl</c>, and the range a
/// requested <c>ttl</c> must fall in. Short lifetimes limit what a stolen key is worth; the floor
/// defaults to one minute and can be lowered to <see cref="AbsoluteMinimum"/> only by the operator,
/// for tests and drills of the renewal path.
/// </summary>
/// <param name="Default">Without a <c>ttl</c>: <c>LANYARD_SVID_TTL</c>, 1 hour unless set.</param>
/// <param name="Minimum">The shortest <c>ttl</c>: <c>LANYARD_SVID_MIN_TTL</c>, 1 minute unless set, never under 10 seconds.</param>
/// <param name="Maximum">The longest <c>ttl</c>: <c>LANYARD_SVID_MAX_TTL</c>, 24 hours unless set.</param>
public sealed record SvidLifetimes(TimeSpan Default, TimeSpan Minimum, TimeSpan Maximum)
{
    public static readonly TimeSpan AbsoluteMinimum = TimeSpan.FromSeconds(10);

    public static SvidLifetimes Standard { get; } = new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));

    /// <summary>The lifetime for a request, or why its <c>ttl</c> is refused.</summary>
    public Result<TimeSpan> For(TimeSpan? requested)
    {
        if (requested is not { } ttl)
        {
            return Default;
        }

        return ttl >= Minimum && ttl <= Maximum
            ? ttl
            : Problem.Invalid("ttl",
                $"An X.509-SVID lives between {Durations.Format(Minimum)} and {Durations.Format(Maximum)}; "
                + $"{Durations.Format(ttl)} was asked for.");
    }

    /// <summary>Reads the three settings; throws naming the variable when one is unusable or they contradict each other.</summary>
    public static SvidLifetimes FromSettings(string? defaultTtl, string? minimumTtl, string? maximumTtl)
    {
        var minimum = Read("LANYARD_SVID_MIN_TTL", minimumTtl, Standard.Minimum);
        var maximum = Read("LANYARD_SVID_MAX_TTL", maximumTtl, Standard.Maximum);
        var fallback = Standard.Default < minimum ? minimum : Standard.Default > maximum ? maximum : Standard.Default;
        var lifetime = Read("LANYARD_SVID_TTL", defaultTtl, fallback);
        if (minimum < AbsoluteMinimum || maximum > Lanyard.Pki.LeafProfile.MaximumLifetime || minimum > maximum)
        {
            throw new InvalidOperationException(
                $"LANYARD_SVID_MIN_TTL ({Durations.Format(minimum)}) and LANYARD_SVID_MAX_TTL ({Durations.Format(maximum)}) must satisfy "
                + $"{Durations.Format(AbsoluteMinimum)} <= minimum <= maximum <= {Lanyard.Pki.LeafProfile.MaximumLifetime.TotalDays}d.");
        }

        if (lifetime < minimum || lifetime > maximum)
        {
            throw new InvalidOperationException(
                $"LANYARD_SVID_TTL is {Durations.Format(lifetime)}; it must lie between LANYARD_SVID_MIN_TTL ({Durations.Format(minimum)}) "
                + $"and LANYARD_SVID_MAX_TTL ({Durations.Format(maximum)}).");
        }

        return new SvidLifetimes(lifetime, minimum, maximum);
    }

    private static TimeSpan Read(string name, string? text, TimeSpan fallback)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return Durations.TryParse(text, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{name} is '{text}'; write it as a number and a unit, such as 30s, 15m or 1h.");
    }
}
