using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Core.Policy;
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
    private readonly List<SecretSighting> _sightings = [];
    private readonly Dictionary<string, EnvironmentPolicy> _policies = new(StringComparer.Ordinal);

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

    /// <summary>A scanner's report of the secret with <paramref name="fingerprint"/> at one place.</summary>
    public SecretSighting Sighting(
        string fingerprint, string path = "config/app.env", int line = 3, string source = "github.com/acme/billing",
        DateTimeOffset? firstReported = null, string? commit = null)
    {
        var sighting = new SecretSighting
        {
            SightingKey = SecretSighting.KeyOf(fingerprint, source, path, line, commit, null),
            Fingerprint = fingerprint,
            RuleId = "aws-access-key-id",
            Kind = "aws-access-key-id",
            Source = source,
            Path = path,
            Line = line,
            Column = 12,
            Commit = commit,
            Confidence = SightingConfidence.High,
            FirstReportedAt = firstReported ?? AsOf.AddDays(-10),
            LastReportedAt = AsOf.AddDays(-1),
            ReportedBy = "ci",
        };
        _sightings.Add(sighting);
        return sighting;
    }

    /// <summary>Puts a policy in force in its environment.</summary>
    public void Policy(EnvironmentPolicy policy) => _policies[policy.Environment] = policy;

    public IReadOnlyList<Finding> Analyze(DateTimeOffset? asOf = null) => PostureAnalyzer.Analyze(
        new PostureInput(_environments, _owners, _identities, _credentials) { Sightings = _sightings, Policies = _policies },
        asOf ?? AsOf);
}
