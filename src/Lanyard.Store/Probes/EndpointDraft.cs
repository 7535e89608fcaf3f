using Lanyard.Core.Inventory;

namespace Lanyard.Store.Probes;

/// <summary>
/// A TLS endpoint to watch: host and port, its environment (the identity's when omitted), and
/// optionally the name to check and the identity serving it.
/// </summary>
public sealed record EndpointDraft(string Host, int Port, string? Environment, string? ServerName = null, IdentityId? IdentityId = null);
