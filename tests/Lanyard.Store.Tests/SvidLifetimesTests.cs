using Lanyard.Store.Pki;

namespace Lanyard.Store.Tests;

public sealed class SvidLifetimesTests
{
    [Fact]
    public void Without_settings_svids_live_an_hour_and_a_ttl_may_ask_for_one_minute_to_a_day()
    {
        var lifetimes = SvidLifetimes.FromSettings(null, null, null);

        Assert.Equal(TimeSpan.FromHours(1), lifetimes.For(null).Value);
        Assert.Equal(TimeSpan.FromMinutes(1), lifetimes.For(TimeSpan.FromMinutes(1)).Value);
        Assert.False(lifetimes.For(TimeSpan.FromSeconds(59)).Succeeded);
        Assert.False(lifetimes.For(TimeSpan.FromHours(25)).Succeeded);
    }

    [Fact]
    public void The_operator_can_lower_the_floor_to_ten_seconds_for_renewal_drills()
    {
        var lifetimes = SvidLifetimes.FromSettings("20s", "10s", "1m");

        Assert.Equal(TimeSpan.FromSeconds(20), lifetimes.For(null).Value);
        Assert.Equal(TimeSpan.FromSeconds(10), lifetimes.For(TimeSpan.FromSeconds(10)).Value);
        Assert.Equal("ttl", lifetimes.For(TimeSpan.FromMinutes(2)).Problem!.Field);
    }

    [Theory]
    [InlineData(null, "5s", null, "LANYARD_SVID_MIN_TTL (5s)")]
    [InlineData("2h", "1m", "1h", "LANYARD_SVID_TTL is 2h")]
    [InlineData(null, "1h", "30m", "minimum <= maximum")]
    [InlineData("an hour", null, null, "LANYARD_SVID_TTL is 'an hour'")]
    public void Unusable_or_contradicting_settings_stop_the_start_naming_the_variable(string? ttl, string? min, string? max, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SvidLifetimes.FromSettings(ttl, min, max));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
