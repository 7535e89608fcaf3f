namespace Lanyard.Core.Audit;

/// <summary>How an audited attempt ended.</summary>
public enum AuditOutcome
{
    Success,
    Refused,
    Failed,
}
