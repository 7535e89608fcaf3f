using Lanyard.Core.Audit;

namespace Lanyard.Store.Inventory;

/// <summary>The result of checking the audit chain: how many events were checked, and the first break if any.</summary>
public sealed record AuditVerification(long EventsChecked, AuditChainBreak? Break)
{
    public bool Intact => Break is null;
}
