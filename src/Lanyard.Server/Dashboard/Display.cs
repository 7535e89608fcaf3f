using System.Globalization;
using Lanyard.Core.Posture;
using Lanyard.Server.Api;

namespace Lanyard.Server.Dashboard;

/// <summary>How the dashboard writes times, enum values and advice.</summary>
internal static class Display
{
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>The time of day a snapshot was taken, to the second.</summary>
    public static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never";

    /// <summary>"in 12 days", "3 days ago", "today".</summary>
    public static string Relative(DateTimeOffset? time, DateTimeOffset now)
    {
        if (time is not { } t)
        {
            return "";
        }

        var days = (int)Math.Floor((t - now).TotalDays);
        return days switch
        {
            0 when t >= now => "within a day",
            0 or -1 when t < now => "less than a day ago",
            1 => "in 1 day",
            > 1 => $"in {days} days",
            _ => $"{-days} days ago",
        };
    }

    /// <summary>A coordinate for SVG: invariant, at most two decimals.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Of<T>(T value) where T : struct, Enum => EnumText.Of(value);

    /// <summary>Words for a kebab-case value: <c>reused-across-environments</c> becomes "reused across environments".</summary>
    public static string Words<T>(T value) where T : struct, Enum => EnumText.Of(value).Replace('-', ' ');

    /// <summary>What an owner should do about a finding of each kind.</summary>
    public static string Advice(FindingKind kind) => kind switch
    {
        FindingKind.Orphaned =>
            "Give it an owner who answers for it (lanyard identity set-owner ID OWNER), or delete it if nothing uses it.",
        FindingKind.Stale =>
            "Nothing used it for longer than the environment allows: confirm with the owner, then revoke it.",
        FindingKind.Expiring =>
            "Renew or rotate it before it expires; once renewed, move its users to the new one and revoke the old.",
        FindingKind.Expired =>
            "It no longer works: issue a replacement for whatever still depends on it, then revoke or delete the expired one.",
        FindingKind.ReusedAcrossEnvironments =>
            "One secret serves several environments, so a leak in one opens all: issue a separate credential per "
                + "environment and revoke the shared one.",
        FindingKind.WeakKey =>
            "Replace it with a stronger key (RSA 3072+ or an EC P-256 key, SHA-256 signatures) and revoke the weak one.",
        FindingKind.HardcodedSecret =>
            "Treat the secret as leaked: rotate it at its source, revoke the old value, remove it from the code and "
                + "its history, and load it at run time instead.",
        FindingKind.PolicyViolation =>
            "The environment's policy in force would refuse it now: issue a replacement the policy allows, move its "
                + "users over, then revoke it.",
        FindingKind.HostnameMismatch =>
            "Serve a certificate that names the endpoint (lanyard cert issue IDENTITY --dns NAME), or watch it under the name clients use.",
        FindingKind.UntrustedIssuer =>
            "Serve a certificate from a CA its clients trust, with the full chain; a self-signed certificate teaches "
                + "clients to ignore errors.",
        FindingKind.Unreachable =>
            "Check that the service is up and speaks TLS on that port, or stop watching an endpoint that is gone "
                + "(lanyard certs watch remove ID).",
        _ => "Review it with its owner.",
    };
}
