using System.Text.Json;
using Lanyard.Core.Audit;

namespace Lanyard.Store.Audit;

/// <summary>What an audit event says, before it is placed in the chain.</summary>
public sealed record AuditEntry(Actor Actor, string Action, string Target, AuditOutcome Outcome = AuditOutcome.Success)
{
    /// <summary>Non-secret facts; serialized as a JSON object.</summary>
    public IReadOnlyDictionary<string, object?>? Detail { get; init; }

    internal string? SerializeDetail() =>
        Detail is null || Detail.Count == 0 ? null : JsonSerializer.Serialize(Detail, JsonSerializerOptions.Default);
}
