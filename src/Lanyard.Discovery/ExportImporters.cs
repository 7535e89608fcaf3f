using Lanyard.Discovery.Aws;
using Lanyard.Discovery.Certificates;
using Lanyard.Discovery.Kubernetes;

namespace Lanyard.Discovery;

/// <summary>The importers this build knows, by source name.</summary>
public static class ExportImporters
{
    public static IReadOnlyList<IExportImporter> All { get; } = [new AwsImporter(), new KubernetesImporter(),
        new CertificateFilesImporter()];

    /// <summary>The importer for <paramref name="source"/> (<c>aws</c>, <c>kubernetes</c>), or null.</summary>
    public static IExportImporter? Find(string source) =>
        All.FirstOrDefault(i => string.Equals(i.Source, source, StringComparison.OrdinalIgnoreCase));
}
