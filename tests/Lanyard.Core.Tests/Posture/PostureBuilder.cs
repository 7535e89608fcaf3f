using Lanyard.Core.Inventory;
using Lanyard.Core.Posture;

namespace Lanyard.Core.Tests.Posture;

/// <summary>Builds posture inputs with fixed timestamps and default thresholds.</summary>
internal sealed class PostureBuilder
{
    public static readonly DateTimeOffset AsOf = new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, DeploymentEnvironment> _environments = new(StringComparer.Ordinal);
    private readonly Dictionary<OwnerId, string> _owners = [];
    private readonly List<PostureIdentity> _identities = [];
    private readonly List<PostureCredential> _credentials = [];

    public PostureBuilder()
    {
        foreach (var name in new[] { "dev", "staging", "prod" })
        {
            _environments[name] = new DeploymentEnvironment
            {
                Name = name,
                TrustDomain = DeploymentEnvironment.DefaultTrustDomain(name),
            };
        }
    }

    public DeploymentEnvironment Environment(string name) => _environments[name];

    public OwnerId Owner(string name)
    {
        var id = OwnerId.New();
        _owners[id] = name;
        return id;
    }

    public PostureIdentity Identity(
        string name, IdentityClass kind = IdentityClass.Machine, OwnerId? owner = null, string environment = "dev",
        bool gone = false)
    {
        var identity = new PostureIdentity(
            IdentityId.New(), name, environment, owner, kind, gone, AsOf.AddDays(-400));
        _identities.Add(identity);
        return identity;
    }

    public PostureCredential Credential(string name, string environment = "dev") => Add(new PostureCredential(
        CredentialId.New(), null, environment, _owners.Keys.FirstOrDefault(), name, CredentialKind.Secret,
        CredentialSource.Discovered, CredentialState.Active, null, AsOf.AddDays(-400), null, null, false,
        null, null, null));

    public PostureCredential Add(PostureCredential credential)
    {
        _credentials.Add(credential);
        return credential;
    }

    public IReadOnlyList<Finding> Analyze(DateTimeOffset? asOf = null) =>
        PostureAnalyzer.Analyze(new PostureInput(_environments, _owners, _identities, _credentials), asOf ?? AsOf);
}
