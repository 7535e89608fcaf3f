using Lanyard.Core.Discovery;

namespace Lanyard.Discovery.Kubernetes;

/// <summary>
/// Imports a cluster's service accounts and secrets from <c>kubectl get serviceaccounts,secrets
/// -A -o json</c> (a <c>v1</c> List). Service accounts become identities; secrets become the
/// credentials they hold, fingerprinted, never kept. The export lists the whole cluster, so
/// whatever it no longer lists is gone.
/// </summary>
public sealed class KubernetesImporter : IExportImporter
{
    public const string CompleteScope = "kubernetes/";

    public string Source => "kubernetes";

    public DiscoveryBatch Import(IReadOnlyList<ExportFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);

        var identities = new Dictionary<string, DiscoveredIdentity>(StringComparer.Ordinal);
        var credentials = new Dictionary<string, SecretCredential>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            ReadFile(file, identities, credentials);
        }

        var resolved = credentials.Values.Select(c => BindOwner(c, identities)).ToList();
        return new DiscoveryBatch(Source, [.. identities.Values], resolved, [CompleteScope]);
    }

    private static void ReadFile(
        ExportFile file,
        Dictionary<string, DiscoveredIdentity> identities,
        Dictionary<string, SecretCredential> credentials)
    {
        if (!ContentSniffer.LooksLikeJson(file))
        {
            throw new ImportException(file.Name, "line 1", "not a kubectl JSON export (kubectl get ... -o json)");
        }

        using var document = JsonCursor.Parse(file);
        var root = JsonCursor.Root(document, file.Name);
        var kind = root.IsObject ? root.OptionalString("kind") : null;
        if (kind is null || !kind.EndsWith("List", StringComparison.Ordinal))
        {
            throw root.Error("not a kubectl List export: expected kind List with items "
                             + "(kubectl get serviceaccounts,secrets -A -o json)");
        }

        foreach (var item in root.Required("items").Items())
        {
            switch (item.RequiredString("kind"))
            {
                case "ServiceAccount":
                    var identity = ServiceAccountReader.Read(KubeObject.Read(item), file.Name);
                    identities.TryAdd(identity.ExternalKey, identity);
                    break;
                case "Secret":
                    foreach (var found in SecretReader.Read(KubeObject.Read(item), file.Name))
                    {
                        credentials.TryAdd(found.Credential.ExternalKey, found);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// A token belongs to its service account and takes that account's owner; a token whose
    /// account is not in the export is judged by the secret's own owner label instead.
    /// </summary>
    private static DiscoveredCredential BindOwner(
        SecretCredential found, Dictionary<string, DiscoveredIdentity> identities)
    {
        var credential = found.Credential;
        if (credential.IdentityExternalKey is null)
        {
            return credential;
        }

        return identities.ContainsKey(credential.IdentityExternalKey)
            ? credential with { OwnerStated = true, OwnerName = null }
            : credential with { IdentityExternalKey = null, OwnerName = found.OwnerLabel };
    }
}
