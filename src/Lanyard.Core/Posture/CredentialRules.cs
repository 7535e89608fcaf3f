using System.Globalization;

using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>The rules judged on one credential at a time: orphaned, stale, expiring or expired, weak key.</summary>
/// <remarks>
/// The store loads only the credentials one of these rules (or reuse) can fire on, by conditions
/// that mirror them in InventoryService.PostureAsync: a new rule must widen that selection too.
/// </remarks>
internal static class CredentialRules
{
    public static void Evaluate(
        PostureCredential credential, PostureContext context, DateTimeOffset asOf, List<Finding> findings)
    {
        if (IsOrphaned(credential, context))
        {
            findings.Add(context.ForCredential(
                FindingKind.Orphaned, credential, "discovered credential with no identity and no owner",
                credential.CreatedAt));
        }

        var environment = context.Environment(credential.Environment);
        if (credential.State == CredentialState.Active)
        {
            CheckStale(credential, environment, context, asOf, findings);
        }

        // A credential the lifecycle worker marked expired is still an expired credential to replace.
        if (credential.State is CredentialState.Active or CredentialState.Expired)
        {
            CheckExpiry(credential, environment, context, asOf, findings);
        }

        if (WeakKeyRule.Explain(credential) is { } weakness)
        {
            findings.Add(context.ForCredential(FindingKind.WeakKey, credential, weakness, credential.CreatedAt));
        }
    }

    private static bool IsOrphaned(PostureCredential credential, PostureContext context) =>
        credential is { Source: CredentialSource.Discovered, OwnerId: null }
        && credential.State is CredentialState.Active or CredentialState.Inactive
        && context.Identity(credential.IdentityId) is null;

    /// <summary>
    /// Unused for more than the limit. A source that does not record usage says nothing about it,
    /// so such a credential is never judged stale.
    /// </summary>
    private static void CheckStale(
        PostureCredential credential,
        DeploymentEnvironment environment,
        PostureContext context,
        DateTimeOffset asOf,
        List<Finding> findings)
    {
        if (!credential.UsageTracked)
        {
            return;
        }

        var lastSeen = credential.LastUsedAt ?? credential.CreatedAt;
        var limit = TimeSpan.FromDays(environment.StaleAfterDays);
        var idle = asOf - lastSeen;
        if (idle <= limit)
        {
            return;
        }

        var days = CalendarDays(lastSeen, asOf);
        var reason = credential.LastUsedAt is null
            ? $"never used in the {days} days since it was created; the environment's limit is "
              + $"{environment.StaleAfterDays}"
            : $"unused for {days} days; the environment's limit is {environment.StaleAfterDays}";
        findings.Add(context.ForCredential(FindingKind.Stale, credential, reason, lastSeen + limit));
    }

    private static void CheckExpiry(
        PostureCredential credential,
        DeploymentEnvironment environment,
        PostureContext context,
        DateTimeOffset asOf,
        List<Finding> findings)
    {
        if (credential.ExpiresAt is not { } expiresAt || context.IsSuperseded(credential))
        {
            return;
        }

        var window = TimeSpan.FromDays(environment.RenewalWindowDays);
        var windowText = $"{environment.RenewalWindowDays} days";

        // What Lanyard issued is renewed or rotated in the last third of its lifetime: a one-hour SVID
        // or a 30-day API key is not expiring the moment it is issued because the window is 30 days.
        var lastThird = (expiresAt - credential.CreatedAt) / 3;
        if (credential.Source == CredentialSource.Issued && lastThird < window)
        {
            window = lastThird;
            windowText = $"the last third of its lifetime ({Durations.Format(lastThird)})";
        }

        var when = expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        if (expiresAt < asOf)
        {
            var ago = CalendarDays(expiresAt, asOf);
            var reason = $"expired on {when}, {Days(ago)} before the as-of date";
            findings.Add(context.ForCredential(FindingKind.Expired, credential, reason, expiresAt));
        }
        else if (expiresAt <= asOf + window)
        {
            var left = CalendarDays(asOf, expiresAt);
            var reason = $"expires on {when}, in {Days(left)}; the renewal window is {windowText}";
            findings.Add(context.ForCredential(FindingKind.Expiring, credential, reason, expiresAt - window));
        }
    }

    /// <summary>Whole days between the two UTC dates, as people count them ("expired 2 days ago").</summary>
    private static int CalendarDays(DateTimeOffset from, DateTimeOffset to) =>
        (to.UtcDateTime.Date - from.UtcDateTime.Date).Days;

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
