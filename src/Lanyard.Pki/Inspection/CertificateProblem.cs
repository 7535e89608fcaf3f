namespace Lanyard.Pki.Inspection;

/// <summary>One thing wrong with a certificate, by a stable kind and in words.</summary>
/// <param name="Kind">expired, not-yet-valid, expiring, hostname-mismatch, untrusted-issuer, weak-key, weak-signature,
/// spiffe-violation.</param>
/// <param name="Detail">What exactly, for a person.</param>
public sealed record CertificateProblem(string Kind, string Detail);
