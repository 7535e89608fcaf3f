using Lanyard.Core.Discovery;

namespace Lanyard.Discovery.Aws;

/// <summary>Gathers what every file of one import says about users and keys, then emits one batch.</summary>
internal sealed class AwsAccountBuilder
{
    private readonly Dictionary<string, AwsUser> _users = new(StringComparer.Ordinal);
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

        // Sorted once at the end, so the batch reads the same whatever order the files came in.
        foreach (var user in _users.Values.OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            identities.Add(ToDiscovered(user));
            foreach (var key in user.Keys?.OrderBy(k => k.CreatedAt) ?? Enumerable.Empty<AwsAccessKey>())
            {
                credentials.Add(key.ToDiscovered());
            }

            foreach (var certificate in user.Certificates ?? [])
            {
                credentials.Add(certificate.ToDiscovered());
            }
        }

        return new DiscoveryBatch(source, identities, credentials, [.. _scopes]);
    }

    private static DiscoveredIdentity ToDiscovered(AwsUser user) =>
        new(user.ExternalKey, user.Name, user.SpiffePath, user.Origin ?? string.Empty)
        {
            Class = user.Class,
            OwnerStated = user.OwnerStated,
            OwnerName = user.OwnerName,
            Labels = user.Labels,
            CreatedAt = user.CreatedAt,
            Partial = user.Path is null && !user.IsRoot,
        };
}
