using Lanyard.Core.Discovery;
using Lanyard.Core.Inventory;
using Lanyard.Core.Posture;
using Lanyard.Discovery.Aws;
using Lanyard.Discovery.Kubernetes;

namespace Lanyard.Discovery.Tests;

/// <summary>An in-memory inventory of several environments, filled through the importers and the reconciler.</summary>
internal sealed class InventoryHarness
{
    public static readonly DateTimeOffset ImportTime = new(2026, 11, 14, 21, 0, 0, TimeSpan.Zero);

    public Dictionary<string, DeploymentEnvironment> Environments { get; } = new(StringComparer.Ordinal);

    public List<Owner> Owners { get; } = [];

    public List<Identity> Identities { get; } = [];

    public List<Credential> Credentials { get; } = [];

    /// <summary>Imports one case environment: its AWS folder as one batch, its cluster export as another.</summary>
    public List<ReconcileResult> ImportCaseEnvironment(string name)
    {
        var folder = Path.Combine(CasesFolder.Inventory, name);
        var awsFiles = Directory.EnumerateFiles(Path.Combine(folder, "aws"), "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => ExportFile.FromPath(f, Path.GetRelativePath(folder, f)))
            .ToList();
        var kubernetesFiles = Directory.EnumerateFiles(Path.Combine(folder, "kubernetes"), "*.json")
            .Select(f => ExportFile.FromPath(f, Path.GetRelativePath(folder, f)))
            .ToList();

        return
        [
            Import(name, new AwsImporter(), awsFiles),
            Import(name, new KubernetesImporter(), kubernetesFiles),
        ];
    }

    public ReconcileResult Import(string environmentName, IExportImporter importer, IReadOnlyList<ExportFile> files)
    {
        var environment = Environment(environmentName);
        var batch = importer.Import(files);
        var identities = Identities.Where(i => i.Environment == environmentName).ToList();
        var credentials = Credentials.Where(c => c.Environment == environmentName).ToList();

        var result = DiscoveryReconciler.Reconcile(environment, identities, credentials, Owners, batch, ImportTime);
        Identities.AddRange(result.AddedIdentities);
        Credentials.AddRange(result.AddedCredentials);
        Owners.AddRange(result.AddedOwners);
        return result;
    }

    public IReadOnlyList<Finding> Posture(DateTimeOffset asOf)
    {
        var input = new PostureInput(
            Environments,
            Owners.ToDictionary(o => o.Id, o => o.Name),
            Identities.Select(PostureRows.From).ToList(),
            Credentials.Select(PostureRows.From).ToList());
        return PostureAnalyzer.Analyze(input, asOf);
    }

    private DeploymentEnvironment Environment(string name)
    {
        if (!Environments.TryGetValue(name, out var environment))
        {
            environment = new DeploymentEnvironment
            {
                Name = name,
                TrustDomain = DeploymentEnvironment.DefaultTrustDomain(name),
            };
            Environments[name] = environment;
        }

        return environment;
    }
}
