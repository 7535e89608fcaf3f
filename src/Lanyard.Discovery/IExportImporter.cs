using Lanyard.Core.Discovery;

namespace Lanyard.Discovery;

/// <summary>
/// Reads the exports of one platform (a cloud account, a cluster) into a discovery batch. Each
/// implementation tells its file formats apart by their content, never by their names' extension.
/// </summary>
public interface IExportImporter
{
    /// <summary>The importer's name as the command line spells it, such as <c>aws</c> or <c>kubernetes</c>.</summary>
    string Source { get; }

    /// <summary>Reads every file and returns what they describe together, as one batch.</summary>
    /// <param name="files">The exports of one environment; several formats may be mixed.</param>
    /// <returns>The identities and credentials found, and the scopes the files list completely.</returns>
    /// <exception cref="ImportException">
    /// A file is not an export this importer knows or is damaged. The whole import fails: no
    /// partial batch is returned.
    /// </exception>
    DiscoveryBatch Import(IReadOnlyList<ExportFile> files);
}
