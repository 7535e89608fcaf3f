using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>Everything posture is computed from: thresholds per environment, owner names, identities, credentials.</summary>
public sealed record PostureInput(
    IReadOnlyDictionary<string, DeploymentEnvironment> Environments,
    IReadOnlyDictionary<OwnerId, string> OwnerNames,
    IReadOnlyList<PostureIdentity> Identities,
    IReadOnlyList<PostureCredential> Credentials);
