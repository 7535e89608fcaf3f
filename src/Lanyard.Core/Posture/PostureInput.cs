using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Core.Policy;

namespace Lanyard.Core.Posture;

/// <summary>
/// Everything posture is computed from: thresholds per environment, owner names, identities,
/// credentials, and the places scanners reported hardcoded secrets.
/// </summary>
public sealed record PostureInput(
    IReadOnlyDictionary<string, DeploymentEnvironment> Environments,
    IReadOnlyDictionary<OwnerId, string> OwnerNames,
    IReadOnlyList<PostureIdentity> Identities,
    IReadOnlyList<PostureCredential> Credentials)
{
    /// <summary>Hardcoded secrets reported by scans, by fingerprint and place.</summary>
    public IReadOnlyList<SecretSighting> Sightings { get; init; } = [];

    /// <summary>The policy in force per environment; an environment without one has no policy findings.</summary>
    public IReadOnlyDictionary<string, EnvironmentPolicy> Policies { get; init; } = new Dictionary<string, EnvironmentPolicy>();

    /// <summary>Watched TLS endpoints with what their last probe found.</summary>
    public IReadOnlyList<WatchedEndpoint> Endpoints { get; init; } = [];
}
