using Lanyard.Core.Inventory;

namespace Lanyard.Server.Auth;

/// <summary>
/// The identity a workload authenticated as, as read from the store while authenticating this
/// request. Handlers of the same request use it instead of reading the identity again; it lives
/// only as long as the request, so it is never a cache.
/// </summary>
internal sealed record AuthenticatedWorkload(Identity Identity);
