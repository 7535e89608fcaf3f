using Lanyard.Core.Inventory;

namespace Lanyard.Core.Discovery;

/// <summary>
/// A credential as a source reports it. Only its fingerprint is kept, never its value. Null fields
/// are unknown to that source and leave stored values alone, so two files that describe the same
/// key (a credential report and a key listing) merge.
/// </summary>
/// <param name="ExternalKey">The source's stable key for the credential.</param>
/// <param name="Name">A short description, such as <c>access key AKIA…</c>.</param>
/// <param name="Kind">What the credential is.</param>
/// <param name="Origin">Where it was found, in words (file, object, field).</param>
public sealed record DiscoveredCredential(string ExternalKey, string Name, CredentialKind Kind, string Origin)
{
    /// <summary>The external key of the identity that holds it, when there is one.</summary>
    public string? IdentityExternalKey { get; init; }

    /// <summary>True when this source is authoritative about the owner of an unbound credential.</summary>
    public bool OwnerStated { get; init; }

    public string? OwnerName { get; init; }

    public CredentialState? State { get; init; }

    public string? Fingerprint { get; init; }

    public string? KeyId { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Whether the source records usage; when true a null <see cref="LastUsedAt"/> means never used.</summary>
    public bool? UsageTracked { get; init; }

    public DateTimeOffset? LastRotatedAt { get; init; }

    public string? KeyAlgorithm { get; init; }

    public int? KeySize { get; init; }

    public string? SignatureAlgorithm { get; init; }

    public string? Subject { get; init; }

    public string? Issuer { get; init; }

    public IReadOnlyList<string>? SubjectAlternativeNames { get; init; }
}
