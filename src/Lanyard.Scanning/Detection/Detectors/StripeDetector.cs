using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Stripe live secret and restricted keys and webhook signing secrets. Publishable keys
/// (<c>pk_live_</c>) are public by design and test-mode keys move no money, so neither is reported.
/// </summary>
internal sealed partial class StripeDetector() : PatternDetector(Name,
[
    Token("stripe-secret-key", "Stripe live secret key", Secret(), "sk_live_"),
    Token("stripe-restricted-key", "Stripe live restricted key", Restricted(), "rk_live_"),
    Token("stripe-webhook-secret", "Stripe webhook signing secret", Webhook(), "whsec_"),
])
{
    public const string Name = "stripe";

    private static PatternRule Token(string id, string description, Regex pattern, string prefix) =>
        new(new SecretRule(id, id, description, Name), pattern, prefix);

    [GeneratedRegex("(?<![A-Za-z0-9_])sk_live_[0-9A-Za-z]{24,247}(?![A-Za-z0-9_])")]
    private static partial Regex Secret();

    [GeneratedRegex("(?<![A-Za-z0-9_])rk_live_[0-9A-Za-z]{24,247}(?![A-Za-z0-9_])")]
    private static partial Regex Restricted();

    [GeneratedRegex("(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/]{32,64}(?![A-Za-z0-9_])")]
    private static partial Regex Webhook();
}
