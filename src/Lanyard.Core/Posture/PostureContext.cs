using Lanyard.Core.Inventory;

namespace Lanyard.Core.Posture;

/// <summary>Lookups shared by the posture rules: identities by id, owner names, environment thresholds.</summary>
internal sealed class PostureContext
{
    private static readonly DeploymentEnvironment Defaults =
        new() { Name = string.Empty, TrustDomain = string.Empty };

    private readonly PostureInput _input;
    private readonly Dictionary<IdentityId, PostureIdentity> _identities;
    private readonly Dictionary<(IdentityId, string), DateTimeOffset> _newestIssuedCertificates = [];

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

        foreach (var credential in input.Credentials)
        {
            if (IsIssuedCertificate(credential) && credential is { IdentityId: { } owner, State: CredentialState.Active })
            {
                var slot = (owner, credential.Name);
                if (!_newestIssuedCertificates.TryGetValue(slot, out var newest) || credential.CreatedAt > newest)
                {
                    _newestIssuedCertificates[slot] = credential.CreatedAt;
                }
            }
        }
    }

    /// <summary>A certificate Lanyard issued, such as an X.509-SVID or a TLS server certificate.</summary>
    public static bool IsIssuedCertificate(PostureCredential credential) =>
        credential is { Kind: CredentialKind.Certificate, Source: CredentialSource.Issued };

    /// <summary>
    /// An issued certificate that a newer one of the same identity and name has replaced, as every
    /// renewed SVID is: its expiry is by design and no finding.
    /// </summary>
    public bool IsSuperseded(PostureCredential credential) =>
        IsIssuedCertificate(credential) && credential.IdentityId is { } owner
        && _newestIssuedCertificates.TryGetValue((owner, credential.Name), out var newest) && newest > credential.CreatedAt;

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

    /// <summary>An owner's name, or null when unknown.</summary>
    public string? OwnerName(OwnerId owner) => _input.OwnerNames.TryGetValue(owner, out var name) ? name : null;

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
