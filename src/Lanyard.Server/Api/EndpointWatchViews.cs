using Lanyard.Core.Discovery;

namespace Lanyard.Server.Api;

/// <summary><c>POST /v1/endpoints</c>: what to watch.</summary>
public sealed record WatchEndpointRequest(string? Host = null, int Port = 443, string? Environment = null,
    string? ServerName = null, Guid? IdentityId = null);

/// <summary>A watched endpoint and what its last probe found.</summary>
public sealed record WatchedEndpointView(
    Guid Id, string Target, string Host, int Port, string? ServerName, string Environment, Guid? IdentityId, Guid? CredentialId,
    DateTimeOffset CreatedAt, DateTimeOffset NextProbeAt, DateTimeOffset? LastProbedAt, string? LastError, DateTimeOffset? UnreachableSince,
    IReadOnlyList<ProbeProblem> Problems)
{
    public static WatchedEndpointView From(WatchedEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new(endpoint.Id, endpoint.Target, endpoint.Host, endpoint.Port, endpoint.ServerName, endpoint.Environment,
            endpoint.IdentityId?.Value, endpoint.CredentialId?.Value, endpoint.CreatedAt, endpoint.NextProbeAt, endpoint.LastProbedAt,
            endpoint.LastError, endpoint.UnreachableSince, endpoint.Problems);
    }
}
