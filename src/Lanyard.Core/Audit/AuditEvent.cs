namespace Lanyard.Core.Audit;

/// <summary>
/// One append-only record of a change, issuance, use or refusal. Each event carries the hash of
/// its predecessor, so changing, removing or reordering any of them breaks the chain.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Position in the chain, starting at 1, without gaps.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset Time { get; set; }

    /// <summary>Who acted: a principal's name, <c>system</c>, or <c>anonymous</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, as <c>noun.verb</c>: <c>identity.create</c>, <c>auth.login</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, such as <c>identity/7f1c…</c>; empty when nothing in particular.</summary>
    public required string Target { get; set; }

    public AuditOutcome Outcome { get; set; }

    /// <summary>A short JSON object of non-secret facts (the environment, counts, a refusal's reason).</summary>
    public string? Detail { get; set; }

    /// <summary>Hex SHA-256 of the previous event's <see cref="Hash"/>, or 64 zeros for the first.</summary>
    public required string PreviousHash { get; set; }

    /// <summary>Hex SHA-256 over the previous hash and every other field of this event.</summary>
    public required string Hash { get; set; }
}
