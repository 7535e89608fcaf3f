namespace Lanyard.Core.Audit;

/// <summary>Checks an audit chain one event at a time, so a long trail streams instead of loading.</summary>
public sealed class AuditChainVerifier
{
    public long Count { get; private set; }

    public long LastSequence { get; private set; }

    public string LastHash { get; private set; } = AuditChain.GenesisHash;

    /// <summary>Takes the next event in sequence order; returns the break it reveals, if any.</summary>
    public AuditChainBreak? Add(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var expectedSequence = LastSequence + 1;

        if (auditEvent.Sequence != expectedSequence)
        {
            return new AuditChainBreak(expectedSequence,
                $"event {expectedSequence} is missing (the next event found is {auditEvent.Sequence})");
        }

        if (!string.Equals(auditEvent.PreviousHash, LastHash, StringComparison.Ordinal))
        {
            return new AuditChainBreak(auditEvent.Sequence,
                $"event {auditEvent.Sequence} does not follow its predecessor: it or its predecessor was replaced or reordered");
        }

        if (!string.Equals(AuditChain.ComputeHash(auditEvent), auditEvent.Hash, StringComparison.Ordinal))
        {
            return new AuditChainBreak(auditEvent.Sequence, $"event {auditEvent.Sequence} was changed after it was written");
        }

        LastSequence = auditEvent.Sequence;
        LastHash = auditEvent.Hash;
        Count++;
        return null;
    }
}
