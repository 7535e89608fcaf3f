using Lanyard.Core.Discovery;

namespace Lanyard.Discovery.Kubernetes;

/// <summary>
/// A credential read from a secret, with the secret's own owner label kept aside for a token
/// whose service account turns out not to be in the export.
/// </summary>
internal sealed record SecretCredential(DiscoveredCredential Credential, string? OwnerLabel);
