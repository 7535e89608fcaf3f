using Lanyard.Scanning.Detection.Detectors;

namespace Lanyard.Scanning.Detection;

/// <summary>Every built-in detector, one per provider family.</summary>
internal static class DetectorCatalog
{
    public static IReadOnlyList<ISecretDetector> CreateAll()
    {
        var detectors = CreateDirect();
        return [.. detectors, new EncodedValueDetector(detectors)];
    }

    private static List<ISecretDetector> CreateDirect() =>
    [
        new AwsDetector(),
        new GitHubDetector(),
        new GitLabDetector(),
        new SlackDetector(),
        new StripeDetector(),
        new MessagingDetector(),
        new AiProviderDetector(),
        new GoogleDetector(),
        new AzureDetector(),
        new PackageRegistryDetector(),
        new CloudPlatformDetector(),
        new DatadogDetector(),
        new DevToolsDetector(),
        new WorkspaceDetector(),
        new ObservabilityDetector(),
        new CommerceDetector(),
        new KeyedServiceDetector(),
        new LanyardKeyDetector(),
        new JwtDetector(),
        new PrivateKeyDetector(),
        new ConnectionStringDetector(),
        new RegistryAuthDetector(),
        new KubernetesDataDetector(),
        new NameValuePairDetector(),
        new GenericSecretDetector(),
    ];
}
