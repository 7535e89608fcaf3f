using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;

namespace Lanyard.Discovery.Kubernetes;

/// <summary>Service accounts become identities with SPIRE-style paths (<c>/ns/{ns}/sa/{name}</c>).</summary>
internal static class ServiceAccountReader
{
    /// <summary>Namespaces whose accounts the control plane and its add-ons manage.</summary>
    private static readonly HashSet<string> SystemNamespaces =
        new(["kube-system", "kube-public", "kube-node-lease"], StringComparer.Ordinal);

    public static string ExternalKey(string ns, string name) => $"kubernetes/serviceaccount/{ns}/{name}";

    public static DiscoveredIdentity Read(KubeObject account, string fileName)
    {
        // The owner label is the convention; an owner annotation is honoured for clusters whose
        // policy engines forbid free-form labels.
        var owner = account.OwnerLabel
                    ?? (account.Annotations.TryGetValue(KubeObject.OwnerKey, out var annotated) ? annotated : null);

        return new DiscoveredIdentity(
            ExternalKey(account.Namespace, account.Name),
            account.FullName,
            $"/ns/{account.Namespace}/sa/{account.Name}",
            $"kubernetes ServiceAccount {account.FullName} ({fileName})")
        {
            Class = IsSystem(account) ? IdentityClass.System : IdentityClass.Machine,
            OwnerStated = true,
            OwnerName = string.IsNullOrWhiteSpace(owner) ? null : owner,
            Labels = account.Labels,
            CreatedAt = account.CreatedAt,
        };
    }

    /// <summary>Every namespace's <c>default</c> account and the control plane's accounts need no owner.</summary>
    private static bool IsSystem(KubeObject account) =>
        account.Name == "default" || SystemNamespaces.Contains(account.Namespace);
}
