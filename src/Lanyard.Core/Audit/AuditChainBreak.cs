namespace Lanyard.Core.Audit;

/// <summary>Where an audit chain stops verifying, and why.</summary>
public sealed record AuditChainBreak(long Sequence, string Reason);
