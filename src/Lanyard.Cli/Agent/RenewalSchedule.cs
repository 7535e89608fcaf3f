namespace Lanyard.Cli.Agent;

/// <summary>
/// When the agent renews: at half the certificate's lifetime, brought forward by up to a tenth of
/// the lifetime at random so a fleet started together does not renew together; after a failure,
/// exponential backoff with jitter, capped at a minute. The lifetime counts from when the agent
/// received the certificate if that is later than its not-before, since issuers backdate
/// not-before for slow clocks and a short-lived certificate would otherwise look half spent.
/// </summary>
internal static class RenewalSchedule
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(60);

    /// <param name="notBefore">The certificate's not-before.</param>
    /// <param name="notAfter">Its not-after.</param>
    /// <param name="random">A number in [0, 1) that picks the jitter.</param>
    /// <param name="received">When the agent got it; later than <paramref name="notBefore"/> for a backdated certificate.</param>
    public static DateTimeOffset NextRenewal(DateTimeOffset notBefore, DateTimeOffset notAfter, double random,
        DateTimeOffset? received = null)
    {
        var start = received is { } at && at > notBefore ? at : notBefore;
        var lifetime = notAfter - start;
        return start + lifetime / 2 - lifetime / 10 * random;
    }

    /// <summary>
    /// The wait before retry number <paramref name="failures"/> (1 for the first), between half and all of the step.
    /// While the current certificate is still valid (<paramref name="remaining"/>), no wait exceeds a third of
    /// what is left of it, so an outage shorter than the certificate's remaining life never lets it expire.
    /// </summary>
    public static TimeSpan Backoff(int failures, double random, TimeSpan? remaining = null)
    {
        var step = FirstRetry * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = step > MaxRetry ? MaxRetry : step;
        if (remaining is { } left && left / 3 < capped)
        {
            capped = left / 3 < FirstRetry / 2 ? FirstRetry / 2 : left / 3;
        }

        return capped / 2 + capped / 2 * random;
    }
}
