using Lanyard.Pki.Inspection;

namespace Lanyard.Discovery.Probes;

/// <summary>What a TLS endpoint presented, and what is wrong with it; or why it could not be probed.</summary>
public sealed record TlsProbeResult(string Target)
{
    /// <summary>Why no certificate was obtained (refused, no TLS, timeout), or null.</summary>
    public string? Error { get; init; }

    public string? Protocol { get; init; }

    public string? Subject { get; init; }

    public string? Issuer { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public IReadOnlyList<string> Uris { get; init; } = [];

    public string? KeyAlgorithm { get; init; }

    public int? KeySize { get; init; }

    public string? SignatureAlgorithm { get; init; }

    /// <summary>SHA-256 of the leaf's SubjectPublicKeyInfo, as the inventory fingerprints certificates.</summary>
    public string? Fingerprint { get; init; }

    public string? SerialNumber { get; init; }

    public int ChainLength { get; init; }

    public IReadOnlyList<CertificateProblem> Problems { get; init; } = [];

    public bool Healthy => Error is null && Problems.Count == 0;
}
