using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lanyard.Core.Audit;

/// <summary>The hash chain over audit events: how each hash is computed and how a chain is checked.</summary>
public static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>
    /// The event's hash over its predecessor's hash and all of its own fields, each length-prefixed
    /// so no two different events can serialize to the same bytes.
    /// </summary>
    public static string ComputeHash(AuditEvent auditEvent)
    {
        var builder = new StringBuilder();
        Append(builder, auditEvent.PreviousHash);
        Append(builder, auditEvent.Sequence.ToString(CultureInfo.InvariantCulture));
        Append(builder, auditEvent.Time.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Append(builder, auditEvent.Actor);
        Append(builder, auditEvent.Action);
        Append(builder, auditEvent.Target);
        Append(builder, auditEvent.Outcome.ToString());
        Append(builder, auditEvent.Detail ?? string.Empty);

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>
    /// Checks events in sequence order. Returns null when the chain is intact, or the first event
    /// that was changed, removed (a gap or a broken link) or reordered.
    /// </summary>
    public static AuditChainBreak? Verify(IEnumerable<AuditEvent> eventsInSequenceOrder)
    {
        ArgumentNullException.ThrowIfNull(eventsInSequenceOrder);
        var verifier = new AuditChainVerifier();
        foreach (var auditEvent in eventsInSequenceOrder)
        {
            if (verifier.Add(auditEvent) is { } broken)
            {
                return broken;
            }
        }

        return null;
    }

    private static void Append(StringBuilder builder, string value) =>
        builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
}
