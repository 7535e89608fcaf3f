using Lanyard.Cli.Agent;

namespace Lanyard.Cli.Tests;

public sealed class RenewalScheduleTests
{
    private static readonly DateTimeOffset NotBefore = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Renewal_falls_at_half_life_brought_forward_by_at_most_a_tenth_of_the_lifetime()
    {
        var notAfter = NotBefore.AddHours(1);

        Assert.Equal(NotBefore.AddMinutes(30), RenewalSchedule.NextRenewal(NotBefore, notAfter, 0));
        Assert.Equal(NotBefore.AddMinutes(27), RenewalSchedule.NextRenewal(NotBefore, notAfter, 0.5));
        Assert.True(RenewalSchedule.NextRenewal(NotBefore, notAfter, 0.999) > NotBefore.AddMinutes(24));
    }

    [Fact]
    public void A_backdated_short_lived_certificate_renews_at_half_of_what_is_left_when_it_arrived()
    {
        var received = NotBefore.AddSeconds(30);
        var notAfter = received.AddSeconds(20);

        Assert.Equal(received.AddSeconds(10), RenewalSchedule.NextRenewal(NotBefore, notAfter, 0, received));
        Assert.Equal(received.AddSeconds(8), RenewalSchedule.NextRenewal(NotBefore, notAfter, 1, received));
    }

    [Fact]
    public void Backoff_doubles_from_a_second_and_stays_under_a_minute()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), RenewalSchedule.Backoff(1, 1));
        Assert.Equal(TimeSpan.FromSeconds(4), RenewalSchedule.Backoff(3, 1));
        Assert.Equal(TimeSpan.FromSeconds(2), RenewalSchedule.Backoff(3, 0));
        Assert.Equal(TimeSpan.FromSeconds(60), RenewalSchedule.Backoff(40, 1));
    }

    [Fact]
    public void Backoff_never_waits_more_than_a_third_of_what_is_left_of_the_current_certificate()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), RenewalSchedule.Backoff(6, 1, TimeSpan.FromSeconds(9)));
        Assert.Equal(TimeSpan.FromSeconds(0.5), RenewalSchedule.Backoff(6, 1, TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(2), RenewalSchedule.Backoff(2, 1, TimeSpan.FromHours(1)));
    }
}
