namespace Lanyard.Core.Inventory;

/// <summary>Secret material or a certificate, bound to an identity or, when discovered, to its owner alone.</summary>
public sealed class Credential
{
    public CredentialId Id { get; set; } = CredentialId.New();

    public IdentityId? IdentityId { get; set; }

    public required string Environment { get; set; }

    /// <summary>The accountable owner when the credential is not bound to an identity.</summary>
    public OwnerId? OwnerId { get; set; }

    /// <summary>A short description such as <c>access key AKIA…</c> or <c>Secret orders/db key password</c>.</summary>
    public required string Name { get; set; }

    public CredentialKind Kind { get; set; }

    public CredentialSource Source { get; set; }

    /// <summary>The <see cref="Origin"/> of what Lanyard generated itself: keys, secrets and certificates it issued.</summary>
    public const string IssuedByLanyard = "issued by Lanyard";

    /// <summary>Where a discovered credential was found, in words; <see cref="IssuedByLanyard"/> for what Lanyard generated.</summary>
    public string? Origin { get; set; }

    /// <summary>Whether Lanyard generated this credential (rather than an operator registering one it was given).</summary>
    public bool GeneratedByLanyard => Source == CredentialSource.Issued && Origin == IssuedByLanyard;

    /// <summary>The source's own key for a discovered credential; imports match on it.</summary>
    public string? ExternalKey { get; set; }

    public CredentialState State { get; set; } = CredentialState.Active;

    /// <summary>Lowercase hex SHA-256 of the secret's bytes, or of a certificate's SubjectPublicKeyInfo.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>For access keys: the public key id (never the secret part).</summary>
    public string? KeyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>The network address the last recorded use came from, for issued credentials.</summary>
    public string? LastUsedFrom { get; set; }

    /// <summary>
    /// Whether the source records usage at all. When false a missing <see cref="LastUsedAt"/> means
    /// unknown, not never used, and the credential can't be judged stale.
    /// </summary>
    public bool UsageTracked { get; set; }

    public DateTimeOffset? LastRotatedAt { get; set; }

    /// <summary>The credential this one succeeded in a rotation; at most one successor per predecessor.</summary>
    public CredentialId? RotatedFromId { get; set; }

    /// <summary>The successor issued when this credential was rotated.</summary>
    public CredentialId? SupersededById { get; set; }

    /// <summary>
    /// The end of a rotation's overlap window: from this moment the superseded credential fails
    /// authentication, whether or not the lifecycle worker has revoked it yet.
    /// </summary>
    public DateTimeOffset? RetiresAt { get; set; }

    /// <summary>When the owner was told this credential is about to expire; told once.</summary>
    public DateTimeOffset? ExpiryNotifiedAt { get; set; }

    /// <summary>For certificates: the serial number as uppercase hex, which a CRL lists when it is revoked.</summary>
    public string? SerialNumber { get; set; }

    public string? KeyAlgorithm { get; set; }

    public int? KeySize { get; set; }

    public string? SignatureAlgorithm { get; set; }

    public string? Subject { get; set; }

    public string? Issuer { get; set; }

    public List<string> SubjectAlternativeNames { get; set; } = [];

    /// <summary>The secret value sealed with AES-256-GCM, for issued secrets that must be retrievable.</summary>
    public byte[]? SealedValue { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
