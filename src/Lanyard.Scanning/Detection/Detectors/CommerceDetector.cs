using System.Text.RegularExpressions;

namespace Lanyard.Scanning.Detection.Detectors;

/// <summary>
/// Payment and shipping providers: PayPal Braintree, Flutterwave, Shippo, EasyPost and Duffel live keys.
/// Test-mode keys of these providers move no money and are not reported, as with Stripe.
/// </summary>
internal sealed partial class CommerceDetector() : PatternDetector(Name,
[
    Token("braintree-access-token", "PayPal Braintree production access token", Braintree(), "access_token$production$"),
    Token("flutterwave-secret-key", "Flutterwave live secret key", Flutterwave(), "FLWSECK-"),
    Token("shippo-api-token", "Shippo live API token", Shippo(), "shippo_live_"),
    Token("easypost-api-key", "EasyPost production API key", EasyPost(), "EZAK"),
    Token("duffel-api-token", "Duffel live access token", Duffel(), "duffel_live_"),
])
{
    public const string Name = "commerce";

    private static PatternRule Token(string id, string description, Regex pattern, string prefix) =>
        new(new SecretRule(id, id, description, Name), pattern, prefix);

    [GeneratedRegex(@"(?<![A-Za-z0-9_])access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32}(?![A-Za-z0-9_])")]
    private static partial Regex Braintree();

    [GeneratedRegex("(?<![A-Za-z0-9_-])FLWSECK-[a-f0-9]{32}-X(?![A-Za-z0-9_-])")]
    private static partial Regex Flutterwave();

    [GeneratedRegex("(?<![A-Za-z0-9_-])shippo_live_[a-fA-F0-9]{40}(?![A-Za-z0-9_-])")]
    private static partial Regex Shippo();

    [GeneratedRegex("(?<![A-Za-z0-9_-])EZAK[A-Za-z0-9]{54}(?![A-Za-z0-9_-])")]
    private static partial Regex EasyPost();

    [GeneratedRegex("(?<![A-Za-z0-9_-])duffel_live_[A-Za-z0-9_=-]{43}(?![A-Za-z0-9_=-])")]
    private static partial Regex Duffel();
}
