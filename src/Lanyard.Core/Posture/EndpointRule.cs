using Lanyard.Core.Discovery;

namespace Lanyard.Core.Posture;

/// <summary>
/// Findings of watched TLS endpoints that their certificate alone does not show: it does not name
/// the endpoint, it does not chain to a trusted root, or the endpoint does not answer. Expiry and
/// weak keys or signatures come from the observed certificate's credential, like any other.
/// </summary>
internal static class EndpointRule
{
    public static void AddFindings(PostureInput input, PostureContext context, List<Finding> findings)
    {
        foreach (var endpoint in input.Endpoints)
        {
            if (endpoint.UnreachableSince is { } since)
            {
                findings.Add(For(FindingKind.Unreachable, endpoint, context, $"{endpoint.Target}: {endpoint.LastError}", since));
                continue;
            }

            foreach (var problem in endpoint.Problems)
            {
                var kind = problem.Kind switch
                {
                    "hostname-mismatch" => FindingKind.HostnameMismatch,
                    "untrusted-issuer" => FindingKind.UntrustedIssuer,
                    _ => (FindingKind?)null,
                };
                if (kind is not null)
                {
                    findings.Add(For(kind.Value, endpoint, context, $"{endpoint.Target}: {problem.Detail}",
                        endpoint.LastProbedAt ?? endpoint.CreatedAt));
                }
            }
        }
    }

    private static Finding For(FindingKind kind, WatchedEndpoint endpoint, PostureContext context, string reason, DateTimeOffset since)
    {
        var identity = context.Identity(endpoint.IdentityId);
        return new Finding(kind, endpoint.Environment, reason, since)
        {
            CredentialId = endpoint.CredentialId,
            CredentialName = endpoint.CredentialId is null ? null : $"TLS certificate at {endpoint.Target}",
            IdentityId = identity?.Id,
            IdentityName = identity?.Name,
            Owner = identity?.OwnerId is { } owner ? context.OwnerName(owner) : null,
        };
    }
}
