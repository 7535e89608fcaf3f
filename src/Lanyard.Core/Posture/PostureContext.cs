using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>Lookups shared by the posture rules: identities by id, owner names, environment thresholds.</summary>
internal sealed class PostureContext
{
    private static readonly DeploymentEnvironment Defaults =
        new() { Name = string.Empty, TrustDomain = string.Empty };

    private readonly PostureInput _input;
    private readonly Dictionary<IdentityId, PostureIdentity> _identities;

    // Credentials usually arrive grouped by environment, so remembering the last lookup saves
    // hashing the environment name a million times.
    private string? _lastEnvironmentName;
    private DeploymentEnvironment _lastEnvironment = Defaults;

    public PostureContext(PostureInput input)
    {
        _input = input;
        _identities = new Dictionary<IdentityId, PostureIdentity>(input.Identities.Count);
        foreach (var identity in input.Identities)
        {
            _identities[identity.Id] = identity;
        }
    }

    public PostureIdentity? Identity(IdentityId? id) =>
        id is { } value && _identities.TryGetValue(value, out var identity) ? identity : null;

    public DeploymentEnvironment Environment(string name)
    {
        if (!string.Equals(name, _lastEnvironmentName, StringComparison.Ordinal))
        {
            _lastEnvironment = _input.Environments.TryGetValue(name, out var environment) ? environment : Defaults;
            _lastEnvironmentName = name;
        }

        return _lastEnvironment;
    }

    /// <summary>The credential's own owner, else its identity's, as a name.</summary>
    public string? OwnerName(PostureCredential credential, PostureIdentity? identity)
    {
        var ownerId = credential.OwnerId ?? identity?.OwnerId;
        return ownerId is { } id && _input.OwnerNames.TryGetValue(id, out var name) ? name : null;
    }

    /// <summary>A finding about a credential, with its identity and owner filled in.</summary>
    public Finding ForCredential(FindingKind kind, PostureCredential credential, string reason, DateTimeOffset since)
    {
        var identity = Identity(credential.IdentityId);
        return new Finding(kind, credential.Environment, reason, since)
        {
            CredentialId = credential.Id,
            CredentialName = credential.Name,
            IdentityId = identity?.Id,
            IdentityName = identity?.Name,
            Owner = OwnerName(credential, identity),
            Fingerprint = credential.Fingerprint,
        };
    }
}
