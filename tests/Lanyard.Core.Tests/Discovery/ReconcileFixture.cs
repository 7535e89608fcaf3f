using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;

namespace Lanyard.Core.Tests.Discovery;

/// <summary>One environment's inventory held in lists, the way a caller persists reconcile results.</summary>
internal sealed class ReconcileFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 14, 21, 0, 0, TimeSpan.Zero);

    public DeploymentEnvironment Environment { get; } =
        new() { Name = "prod", TrustDomain = "prod.lanyard.internal" };

    public List<Identity> Identities { get; } = [];

    public List<Credential> Credentials { get; } = [];

    public List<Owner> Owners { get; } = [];

    public ReconcileResult Apply(DiscoveryBatch batch, DateTimeOffset? now = null)
    {
        var result = DiscoveryReconciler.Reconcile(
            Environment, Identities, Credentials, Owners, batch, now ?? Now);
        Identities.AddRange(result.AddedIdentities);
        Credentials.AddRange(result.AddedCredentials);
        Owners.AddRange(result.AddedOwners);
        return result;
    }

    public static DiscoveredIdentity User(string name, string? owner = null) =>
        new($"aws/iam/user/{name}", name, $"/aws/iam/{name}", "test")
        {
            Class = IdentityClass.Machine,
            OwnerStated = true,
            OwnerName = owner,
        };

    public static DiscoveryBatch Batch(
        IReadOnlyList<DiscoveredIdentity> identities, IReadOnlyList<DiscoveredCredential> credentials,
        params string[] scopes) =>
        new("aws", identities, credentials, scopes);
}
