namespace Lanyard.Store;

/// <summary>
/// The single row that every audit append updates first. Updating it takes a row lock, so appends
/// from several requests or replicas line up one after another and the chain never forks.
/// </summary>
public sealed class AuditHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastSequence { get; set; }

    public required string LastHash { get; set; }
}
