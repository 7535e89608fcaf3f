using Lanyard.Core;

namespace Lanyard.Store.Issuance;

/// <summary>The limits issuance holds every request to.</summary>
public static class IssuancePolicy
{
    public static readonly TimeSpan DefaultApiKeyLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan DefaultClientSecretLifetime = TimeSpan.FromDays(90);
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(366);
    public const int MaximumAccessTokenMinutes = 24 * 60;
    public const int MaximumScopes = 64;

    public static Problem? CheckLifetime(string field, TimeSpan lifetime) =>
        lifetime < MinimumLifetime || lifetime > MaximumLifetime
            ? Problem.Invalid(field, $"A lifetime must be between 1 minute and 366 days; {Durations.Format(lifetime)} is not.")
            : null;

    /// <summary>A scope token as RFC 6749 section 3.3 defines it: printable ASCII without space, '"' or '\'.</summary>
    public static bool IsValidScope(string scope)
    {
        if (string.IsNullOrEmpty(scope) || scope.Length > 128)
        {
            return false;
        }

        foreach (var c in scope)
        {
            if (c is < '\x21' or > '\x7e' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }
}
