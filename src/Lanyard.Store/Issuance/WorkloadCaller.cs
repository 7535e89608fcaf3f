using Lanyard.Core.Inventory;
using Lanyard.Core.OAuth;

namespace Lanyard.Store.Issuance;

/// <summary>A workload that proved who it is with an issued credential.</summary>
public sealed record WorkloadCaller(Identity Identity, Credential? Credential, OAuthClient? Client);
