namespace Lanyard.Store.Pki;

/// <summary>What a caller asks a certificate for.</summary>
/// <param name="DnsNames">DNS SANs, for a TLS server certificate; empty for an X.509-SVID.</param>
/// <param name="CsrPem">The caller's PKCS#10 request; without it Lanyard generates a P-256 key and returns it once.</param>
/// <param name="Lifetime">The lifetime asked for, or the default of the certificate's kind.</param>
/// <param name="CrlBaseUrl">The server's public URL, under which the CRL is published.</param>
public sealed record CertificateOrder(IReadOnlyList<string> DnsNames, string? CsrPem, TimeSpan? Lifetime, string CrlBaseUrl);
