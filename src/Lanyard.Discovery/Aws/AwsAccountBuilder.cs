using Lanyard.Core.Discovery;

namespace Lanyard.Discovery.Aws;

/// <summary>Gathers what every file of one import says about an account's users and keys, then emits one batch.</summary>
internal sealed class AwsAccountBuilder
{
    private readonly SortedDictionary<string, AwsUser> _users = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _scopes = new(StringComparer.Ordinal);

    public AwsUser User(string name)
    {
        if (!_users.TryGetValue(name, out var user))
        {
            user = new AwsUser(name, isRoot: name == AwsUser.RootName);
            _users[name] = user;
        }

        return user;
    }

    /// <summary>Declares that the files list everything under <paramref name="prefix"/>.</summary>
    public void AddCompleteScope(string prefix) => _scopes.Add(prefix);

    public DiscoveryBatch Build(string source)
    {
        var identities = new List<DiscoveredIdentity>(_users.Count);
        var credentials = new List<DiscoveredCredential>();

        foreach (var user in _users.Values)
        {
            identities.Add(ToDiscovered(user));
            credentials.AddRange(user.Keys.Values.Select(k => k.ToDiscovered()));
            credentials.AddRange(user.Certificates.Values.Select(c => c.ToDiscovered()));
        }

        return new DiscoveryBatch(source, identities, credentials, [.. _scopes]);
    }

    private static DiscoveredIdentity ToDiscovered(AwsUser user) =>
        new(user.ExternalKey, user.Name, user.SpiffePath, user.Origins.ToString())
        {
            Class = user.Class,
            OwnerStated = user.OwnerStated,
            OwnerName = user.OwnerName,
            Labels = user.Labels,
            CreatedAt = user.CreatedAt,
            Partial = user.Path is null && !user.IsRoot,
        };
}
