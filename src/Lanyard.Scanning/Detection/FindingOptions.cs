namespace Lanyard.Scanning.Detection;

/// <summary>The request settings that shape findings once detected.</summary>
internal sealed record FindingOptions(Confidence MinimumConfidence, bool ShowSecrets);
