using Lanyard.Core.Inventory;
using Lanyard.Core.Policy;

namespace Lanyard.Core.Posture;

/// <summary>
/// Live credentials Lanyard issued that the environment's policy in force would refuse now: a
/// kind no longer allowed, a lifetime beyond the maximum, names outside the identity's patterns.
/// The same evaluator decides as at issuance, so a finding reads like the refusal would.
/// </summary>
/// <remarks>
/// The store loads every active issued API key, client secret and certificate of an environment
/// with a policy as a candidate (InventoryService.PostureAsync): a change here must keep to that.
/// </remarks>
internal static class PolicyRule
{
    /// <summary>Certificates are signed a little past the lifetime asked for on some paths; this much is not a violation.</summary>
    private static readonly TimeSpan LifetimeTolerance = TimeSpan.FromMinutes(1);

    public static void Evaluate(
        PostureCredential credential, IReadOnlyDictionary<string, EnvironmentPolicy> policies, PostureContext context,
        List<Finding> findings)
    {
        if (credential is not { Source: CredentialSource.Issued, State: CredentialState.Active }
            || !policies.TryGetValue(credential.Environment, out var policy)
            || KindOf(credential) is not { } kind)
        {
            return;
        }

        var identity = context.Identity(credential.IdentityId);
        var lifetime = credential.ExpiresAt is { } expires ? expires - credential.CreatedAt - LifetimeTolerance : (TimeSpan?)null;
        var request = new IssuanceRequest(kind, identity?.Name ?? string.Empty, lifetime ?? TimeSpan.Zero)
        {
            RequestedLifetime = lifetime > TimeSpan.Zero ? lifetime : null,
        };
        if (identity is not null)
        {
            request = request with
            {
                DnsNames = kind == PolicyCredentialKind.TlsCertificate ? DnsNames(credential) : [],
                SpiffePath = kind == PolicyCredentialKind.X509Svid ? SpiffePath(credential) : null,
            };
        }

        if (PolicyEvaluator.Evaluate(policy, request).Refusal is { } refusal)
        {
            var reason = refusal.Rule.EndsWith(".max-lifetime", StringComparison.Ordinal)
                ? $"issued for {Durations.Approximate(credential.ExpiresAt!.Value - credential.CreatedAt)}, longer than policy "
                  + $"{policy.Environment} allows: {refusal.Rule} is {Durations.Format(policy.For(kind).MaxLifetime!.Value)}"
                : $"the policy in force would refuse it now: {refusal.Detail}";
            findings.Add(context.ForCredential(FindingKind.PolicyViolation, credential, reason, credential.CreatedAt));
        }
    }

    /// <summary>
    /// The policy's kind of an issued credential. A TLS server certificate always names a DNS name;
    /// an X.509-SVID names only its SPIFFE ID.
    /// </summary>
    public static PolicyCredentialKind? KindOf(PostureCredential credential) => credential.Kind switch
    {
        CredentialKind.ApiKey => PolicyCredentialKind.ApiKey,
        CredentialKind.ClientSecret => PolicyCredentialKind.ClientSecret,
        CredentialKind.Certificate when DnsNames(credential).Count > 0 => PolicyCredentialKind.TlsCertificate,
        CredentialKind.Certificate => PolicyCredentialKind.X509Svid,
        _ => null,
    };

    private static List<string> DnsNames(PostureCredential credential) =>
        credential.SubjectAlternativeNames.Where(n => !n.StartsWith("spiffe://", StringComparison.Ordinal)).ToList();

    private static string? SpiffePath(PostureCredential credential) =>
        credential.SubjectAlternativeNames.FirstOrDefault(n => n.StartsWith("spiffe://", StringComparison.Ordinal)) is { } id
        && id.IndexOf('/', "spiffe://".Length) is var slash and > 0
            ? id[slash..]
            : null;
}
